import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { normalizeStrings } from './plain-text';
import type { FieldError } from './problem-details';

/** Flattens class-validator's tree into one entry per invalid field, with dotted paths. */
export function fieldErrors(errors: readonly ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export class RequestValidationError extends BadRequestException {
  constructor(readonly fields: readonly FieldError[]) {
    super(`invalid request: ${fields.map((f) => f.field).join(', ')}`);
  }
}

/** Text first (NFC, no controls or bidi overrides, SEC-4), then the DTO. */
class RapportValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const errors: FieldError[] = [];
      const normalized = normalizeStrings(value, metadata.data ?? '', errors);
      if (errors.length > 0) throw new RequestValidationError(errors);
      value = normalized;
    }
    const transformed: unknown = await super.transform(value, metadata);
    if (metadata.type === 'query' || metadata.type === 'param') {
      const unsafe = unsafeNumbers(transformed, metadata.data ?? '');
      if (unsafe.length > 0) throw new RequestValidationError(unsafe.map((field) => ({ field, messages: [`${field} must be between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`] })));
    }
    return transformed;
  }
}

/**
 * Numbers of a query or path beyond the safe integers (`offset=1e19`, `7e307`) mean nothing to any service
 * and overflow storage engines: refused here for every service, naming the field, instead of a 500 later.
 */
function unsafeNumbers(value: unknown, path: string): string[] {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? [] : [path || 'value'];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => unsafeNumbers(child, path ? `${path}.${key}` : key));
}

/**
 * Every input is validated: every string is plain text, unknown properties are refused (not silently
 * dropped), values are converted to the DTO's types, and the error names each offending field.
 */
export const createValidationPipe = (): ValidationPipe =>
  new RapportValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(fieldErrors(errors)),
  });
