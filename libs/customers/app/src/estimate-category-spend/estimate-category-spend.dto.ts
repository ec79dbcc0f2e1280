import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Amount } from '@rapport/platform-nest';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { Trim } from '../http/dto-helpers';

export class EstimateCategorySpendDto {
  @ApiProperty({ example: 'laptops' })
  @Trim()
  @IsString()
  @Length(1, 100)
  category!: string;

  @ApiProperty({ example: 40000, minimum: 0, maximum: 1_000_000_000_000, multipleOf: 0.01, description: 'What the customer spends on the category in a year, with us and elsewhere (C12); at most 2 decimal places' })
  @Amount({ min: 0, max: 1_000_000_000_000 })
  estimatedAnnualSpend!: number;

  @ApiPropertyOptional({ example: 'USD', description: 'Must be the installation currency' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;
}
