import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { HistoryFilter } from '@rapport/platform-audit';

const list = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value);

/** A1/A2 filters: time range, service, event type, actor. */
export class HistoryQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive start' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive end' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ type: String, example: 'customers,scheduler', description: 'Comma-separated services' })
  @IsOptional() @Transform(list) @IsArray() @IsString({ each: true }) @Matches(/^[a-z][a-z0-9-]{0,40}$/, { each: true })
  service?: string[];
  @ApiPropertyOptional({ type: String, example: 'customers.contact-logged.v1,scheduler.', description: 'Comma-separated event types, or prefixes ending in "." or "-"' })
  @IsOptional() @Transform(list) @IsArray() @IsString({ each: true }) @Length(1, 120, { each: true })
  type?: string[];
  @ApiPropertyOptional({ example: 'rep-ana', description: 'Only changes by this actor' }) @IsOptional() @IsString() @Length(1, 200) actor?: string;
}

export const filterOf = (q: HistoryQuery, subject?: string): HistoryFilter => ({
  ...(subject ? { subject } : {}),
  ...(q.from ? { from: new Date(q.from).toISOString() } : {}),
  ...(q.to ? { to: new Date(q.to).toISOString() } : {}),
  ...(q.service ? { services: q.service } : {}),
  ...(q.type ? { types: q.type } : {}),
  ...(q.actor ? { actor: q.actor } : {}),
});
