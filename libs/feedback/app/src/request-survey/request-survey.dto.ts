import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const CHANNELS = ['email', 'sms', 'web', 'external'] as const;

export class RequestSurveyDto {
  @ApiPropertyOptional({ enum: CHANNELS, default: 'email', description: 'How the integrator delivers the answer link; F4 throttles across all channels' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: (typeof CHANNELS)[number];
}

export class SurveyRequestedDto {
  @ApiProperty() readonly surveyId!: string;
  @ApiProperty() readonly customerId!: string;
  @ApiProperty({ enum: ['sent', 'throttled', 'unchanged'] }) readonly status!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['surveyed-recently', 'survey-in-progress'] }) readonly throttleReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'F4: when the customer may be asked again' }) readonly allowedFrom!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly expiresAt!: string | null;
  @ApiProperty() readonly position!: number;
}
