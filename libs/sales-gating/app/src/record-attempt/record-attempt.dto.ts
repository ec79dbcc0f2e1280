import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ID_PATTERN } from '../http/gate-access';

export const OUTCOMES = ['reached', 'no-answer', 'rejected', 'interested', 'not-now', 'purchased'] as const;

export class RecordAttemptDto {
  @ApiPropertyOptional({ pattern: ID_PATTERN.source, description: 'The attempt id (idempotency: the same id again records nothing twice); default: generated' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  attemptId?: string;

  @ApiProperty({ description: 'A pitch (cross-sell, up-sell, offer), or a sales follow-up that is not one' })
  @IsBoolean()
  pitch!: boolean;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'seats' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  product?: string;

  @ApiPropertyOptional({ description: 'G5: the customer asked for it (pitch spacing, rejections and a snooze do not apply)' })
  @IsOptional()
  @IsBoolean()
  customerAsked?: boolean;

  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome!: (typeof OUTCOMES)[number];

  @ApiPropertyOptional({ format: 'date-time', description: 'For "not now": the date the customer gave (capped by policy); default: the policy default' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, { message: 'notNowUntil must be a UTC instant (…Z)' })
  notNowUntil?: string;
}
