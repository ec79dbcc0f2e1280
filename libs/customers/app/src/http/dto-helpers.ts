import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional, IsString, Length } from 'class-validator';

/** Trims strings so "  " fails a length check instead of being stored. */
export const Trim = (): PropertyDecorator => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export const REASON_MAX = 1_000;
export const TEXT_MAX = 4_000;

export const dateOrNull = (iso: string | undefined): Date | null => (iso === undefined ? null : new Date(iso));

/** C4: the reps an assignment policy may pick from (reclaim and sweep take the same list). */
export const CandidateReps = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], description }),
    IsOptional(),
    IsArray(),
    ArrayNotEmpty(),
    ArrayMaxSize(500),
    IsString({ each: true }),
    Length(1, 100, { each: true }),
  );
