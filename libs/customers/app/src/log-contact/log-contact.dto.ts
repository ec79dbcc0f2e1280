import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { CONTACT_CHANNELS, CONTACT_DIRECTIONS, CONTACT_OUTCOMES, type ContactChannel, type ContactDirection, type ContactOutcome } from '@rapport/customers-domain';
import { TEXT_MAX, Trim } from '../http/dto-helpers';

export class LogContactDto {
  @ApiProperty({ enum: CONTACT_CHANNELS })
  @IsIn(CONTACT_CHANNELS)
  channel!: ContactChannel;

  @ApiProperty({ enum: CONTACT_DIRECTIONS })
  @IsIn(CONTACT_DIRECTIONS)
  direction!: ContactDirection;

  @ApiProperty({ enum: CONTACT_OUTCOMES })
  @IsIn(CONTACT_OUTCOMES)
  outcome!: ContactOutcome;

  @ApiPropertyOptional({ example: 'Budget frozen until the spring round' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, TEXT_MAX)
  notes?: string;

  @ApiPropertyOptional({ example: 'Call after the budget round' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 500)
  nextStep?: string;

  @ApiPropertyOptional({ example: '2026-04-01T09:00:00Z', description: 'When the next step is due' })
  @IsOptional()
  @IsISO8601({ strict: true })
  nextStepAt?: string;

  @ApiPropertyOptional({ example: '2026-03-03T09:00:00Z', description: 'When the contact happened; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
