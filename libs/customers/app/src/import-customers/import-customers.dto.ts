import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
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
  @ApiProperty({ type: [ImportRowDto], maxItems: 10_000, description: 'Up to 10,000 rows (more: 413); larger files go to /imports/csv' })
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

const ROW_OUTCOME: SchemaObject = {
  type: 'object',
  required: ['row', 'status'],
  properties: {
    row: { type: 'integer', minimum: 1 },
    status: { type: 'string', enum: ['created', 'duplicate-in-file', 'duplicate-in-registry', 'invalid'] },
    customerId: { type: 'string', format: 'uuid' },
    duplicateOfRow: { type: 'integer', minimum: 1 },
    existingCustomerId: { type: 'string', format: 'uuid' },
    matchedOn: { type: 'string', enum: ['phone', 'email'] },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
};

const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

/** 202: the import is a job; poll its `href` (also the Location header) for status and report. */
export class ImportAcceptedDto {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ enum: JOB_STATUSES }) status!: (typeof JOB_STATUSES)[number];
  @ApiProperty({ description: 'Rows in the file' }) total!: number;
  @ApiProperty({ example: '/api/v1/customers/imports/0190f5d2-8f4e-7c3a-9d1e-2b6f4a8c0e13' }) href!: string;
}

export class ImportJobDto {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ enum: JOB_STATUSES }) status!: (typeof JOB_STATUSES)[number];
  @ApiProperty({ description: 'Who submitted it' }) by!: string;
  @ApiPropertyOptional({ format: 'date-time' }) submittedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) finishedAt?: string;
  @ApiProperty({ description: 'Rows in the file' }) total!: number;
  @ApiProperty({ description: 'Rows handled so far' }) processed!: number;
  @ApiProperty({ type: ImportSummaryDto, description: 'Counts of the rows handled so far' }) summary!: ImportSummaryDto;
  @ApiProperty({ type: 'array', items: ROW_OUTCOME, description: 'Each row handled so far, in file order (or, for an import this process no longer remembers, each row that did not become a customer)' })
  rows!: readonly object[];
  @ApiPropertyOptional({ enum: ['all', 'not-created'], description: 'not-created: only the rows that did not become customers are listed' })
  rowsListed?: 'all' | 'not-created';
  @ApiPropertyOptional() error?: string;
}
