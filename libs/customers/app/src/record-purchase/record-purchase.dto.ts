import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Amount } from '@rapport/platform-nest';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Trim } from '../http/dto-helpers';

export class RecordPurchaseDto {
  @ApiPropertyOptional({ example: 'INV-2026-0042', description: 'The order or invoice id; a second purchase with it is refused (C8). Derived from the request when absent.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  purchaseId?: string;

  @ApiProperty({ example: 1249.5, minimum: 0.01, maximum: 1_000_000_000, multipleOf: 0.01, description: 'Amount in the installation currency, at most 2 decimal places' })
  @Amount({ min: 0.01, max: 1_000_000_000 })
  amount!: number;

  @ApiPropertyOptional({ example: 'USD', description: 'ISO 4217; must be the installation currency (C12)' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;

  @ApiProperty({ example: 'laptops', description: 'Spend category (C12)' })
  @Trim()
  @IsString()
  @Length(1, 100)
  category!: string;

  @ApiPropertyOptional({ example: '2026-03-03T09:00:00Z', description: 'When it was bought; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
