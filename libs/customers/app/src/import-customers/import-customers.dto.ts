import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

/**
 * Types are checked here; values (a bad phone, a missing name) are not: they are one row's fate in the
 * report, and must not fail the other 9,999 rows.
 */
export class ImportRowDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1_000) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1_000) company?: string;
  @ApiPropertyOptional({ description: 'Owning rep; managers only (C3)' }) @IsOptional() @IsString() @MaxLength(100) owner?: string;
}

export class ImportCustomersDto {
  @ApiProperty({ type: [ImportRowDto], description: 'Up to 10,000 rows; larger files go to /imports/csv' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => ImportRowDto)
  rows!: ImportRowDto[];
}

export class ImportSummaryDto {
  @ApiProperty() rows!: number;
  @ApiProperty() created!: number;
  @ApiProperty() duplicateInFile!: number;
  @ApiProperty() duplicateInRegistry!: number;
  @ApiProperty() invalid!: number;
}

export class ImportReportDto {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ type: ImportSummaryDto }) summary!: ImportSummaryDto;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Per row: created (customerId), duplicate-in-file (duplicateOfRow, matchedOn), duplicate-in-registry (existingCustomerId, matchedOn) or invalid (errors)',
  })
  rows!: object[];
}
