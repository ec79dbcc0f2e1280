import { applyDecorators } from '@nestjs/common';
import { IsNumber, Max, Min, ValidateBy } from 'class-validator';

/**
 * Whether a number is exactly a value with at most `decimals` decimal places. class-validator's
 * `maxDecimalPlaces` counts digits of `toString()`, so `1e-7` and `5e-324` (no "." in them) slip through.
 */
export const hasAtMostDecimals = (value: number, decimals: number): boolean => Number.isFinite(value) && Number(value.toFixed(decimals)) === value;

/** A money amount: a finite number with at most `decimals` places (default 2) between `min` and `max`. */
export const Amount = (options: { readonly min: number; readonly max: number; readonly decimals?: number }): PropertyDecorator => {
  const decimals = options.decimals ?? 2;
  return applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }),
    ValidateBy({
      name: 'amount',
      validator: {
        validate: (value: unknown) => typeof value !== 'number' || hasAtMostDecimals(value, decimals),
        defaultMessage: (args) => `${args?.property ?? 'amount'} must have at most ${decimals} decimal places (and no exponent smaller than that)`,
      },
    }),
    Min(options.min),
    Max(options.max),
  );
};
