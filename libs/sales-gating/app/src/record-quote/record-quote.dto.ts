import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Amount } from '@rapport/platform-nest';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { ID_PATTERN } from '../http/gate-access';

export class RecordQuoteDto {
  @ApiPropertyOptional({ pattern: ID_PATTERN.source, description: 'The quote id (idempotency); default: generated' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  quoteId?: string;

  @ApiPropertyOptional({ pattern: ID_PATTERN.source, description: 'The rep who quotes: a rep quotes as themselves; a manager approving a lower quote names the rep' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  repId?: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'seats' })
  @IsString()
  @Length(1, 100)
  product!: string;

  @ApiProperty({ minimum: 0.01, maximum: 1_000_000_000, example: 20_000 })
  @Amount({ min: 0.01, max: 1_000_000_000 })
  amount!: number;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'EUR' })
  @IsString()
  @Matches(/^[A-Z]{3}$/)
  currency!: string;
}
