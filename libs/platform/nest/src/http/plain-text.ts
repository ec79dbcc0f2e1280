import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import type { FieldError } from './problem-details';

// C0/C1 controls except tab, line feed and carriage return (ANSI escapes start with ESC, U+001B; NUL is U+0000).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// Bidirectional overrides, embeddings, isolates and marks: they make text display other than it is stored.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// Characters that render as nothing. A string made only of them (and spaces) looks empty but is not.
const INVISIBLE = '\u00AD\u034F\u115F\u1160\u180E\u200B-\u200D\u2060-\u2064\u3164\uFEFF\uFFA0';
const ONLY_INVISIBLE = new RegExp(`^[\\s${INVISIBLE}]*[${INVISIBLE}][\\s${INVISIBLE}]*$`, 'u');
// With the u flag a well-formed pair is one code point, so this matches only unpaired surrogates.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const wellFormed = (value: string): boolean => !LONE_SURROGATE.test(value);

/** Why a string is not plain text, or undefined when it is. */
export function plainTextProblem(value: string): string | undefined {
  if (!wellFormed(value)) return 'contains an unpaired surrogate (not valid Unicode)';
  if (CONTROL.test(value)) return 'contains a control character (NUL, escape sequences and the like are not accepted)';
  if (BIDI.test(value)) return 'contains a bidirectional override or mark';
  if (ONLY_INVISIBLE.test(value)) return 'contains only invisible characters';
  return undefined;
}

/**
 * Every string of every request, whatever the service: NFC-normalised in place (so "é" typed two ways is one
 * value), and refused — naming the field — if it carries controls, bidi overrides, lone surrogates or is
 * invisible-only. The validation pipe runs this before any DTO, so a new service inherits it.
 */
export function normalizeStrings(value: unknown, path: string, errors: FieldError[], depth = 0): unknown {
  if (typeof value === 'string') {
    const problem = plainTextProblem(value);
    if (problem) errors.push({ field: path, messages: [`${path || 'value'} ${problem}`] });
    return problem ? value : value.normalize('NFC');
  }
  if (value === null || typeof value !== 'object' || depth > 64) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const keyProblem = plainTextProblem(key);
    const field = path ? `${path}.${key}` : key;
    if (keyProblem) errors.push({ field, messages: [`property name ${keyProblem}`] });
    record[key] = normalizeStrings(record[key], field, errors, depth + 1);
  }
  return value;
}

/** A name or free text: NFC, and no controls, bidi overrides, lone surrogates or invisible-only content. */
export const PlainText = (options?: ValidationOptions): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && wellFormed(value) ? value.normalize('NFC') : value)),
    ValidateBy(
      {
        name: 'plainText',
        validator: {
          validate: (value: unknown) => typeof value !== 'string' || plainTextProblem(value) === undefined,
          defaultMessage: (args) => `${args?.property ?? 'value'} ${typeof args?.value === 'string' ? plainTextProblem(args.value) : 'must be plain text'}`,
        },
      },
      options,
    ),
  );
