import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Trim } from '../http/dto-helpers';

export class EstimateCategorySpendDto {
  @ApiProperty({ example: 'laptops' })
  @Trim()
  @IsString()
  @Length(1, 100)
  category!: string;

  @ApiProperty({ example: 40000, description: 'What the customer spends on the category in a year, with us and elsewhere (C12)' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1_000_000_000_000)
  estimatedAnnualSpend!: number;

  @ApiPropertyOptional({ example: 'USD', description: 'Must be the installation currency' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;
}
