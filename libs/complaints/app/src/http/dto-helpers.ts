import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';

/** Trims strings so "  " fails a length check instead of being stored. */
export const Trim = (): PropertyDecorator => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export const TEXT_MAX = 4_000;
export const REASON_MAX = 1_000;

/** A required free-text field, trimmed, 1 to `max` characters. */
export const Text = (description: string, max = TEXT_MAX, example?: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ description, minLength: 1, maxLength: max, ...(example ? { example } : {}) }), Trim(), IsString(), Length(1, max));

/** An optional free-text field, trimmed, at most `max` characters. */
export const OptionalText = (description: string, max = TEXT_MAX): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ description, maxLength: max }), IsOptional(), Trim(), IsString(), Length(0, max));
