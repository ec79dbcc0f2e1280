import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@rapport/platform-nest';
import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { ReadLog, type PersonalDataRead } from './read-log';

export class ReadsQuery {
  @ApiPropertyOptional({ example: 'rep-ana', description: 'Who read' }) @IsOptional() @IsString() @Length(1, 200) reader?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Whose data was read' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ default: 500, minimum: 1, maximum: 10_000 })
  @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : Number(value))) @IsInt() @Min(1) @Max(10_000)
  limit?: number;
}

export class ReadsDto {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Oldest first: service (whose route answered; audit for its own and the CLI), readerId, readerRoles, at, method (GET, or CLI), route, path and query (null when the read came from another process: only ids travel), customerIds, status, correlationId' })
  readonly items!: PersonalDataRead[];
}

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditReadsHttpController {
  constructor(private readonly log: ReadLog) {}

  @Get('reads')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'A6: who read whose personal data, when, through which route — in any process of the installation (this query is itself recorded)' })
  @ApiOkResponse({ type: ReadsDto })
  @ApiBadRequestResponse({ description: 'a filter is malformed' })
  async reads(@Query() q: ReadsQuery): Promise<ReadsDto> {
    return {
      items: await this.log.query({
        limit: q.limit ?? 500,
        ...(q.reader ? { reader: q.reader } : {}),
        ...(q.customerId ? { customerId: q.customerId.toLowerCase() } : {}),
        ...(q.from ? { from: new Date(q.from).toISOString() } : {}),
        ...(q.to ? { to: new Date(q.to).toISOString() } : {}),
      }),
    };
  }
}
