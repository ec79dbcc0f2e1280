import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
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

/**
 * Every input is validated: unknown properties are refused (not silently dropped), values are converted
 * to the DTO's types, and the error names each offending field.
 */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(fieldErrors(errors)),
  });
