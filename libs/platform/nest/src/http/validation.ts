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
    return super.transform(value, metadata);
  }
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
