import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const OFFSET_MAX = 1_000_000;

/** Paging of list queries: at most 200 at a time, so no list query can read a whole collection. */
export class PageQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  // Bounded so no engine meets an offset beyond its integer range (1e19 overflowed SQLite: a 500).
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: OFFSET_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(OFFSET_MAX)
  offset?: number;
}

export const pageOf = (query: PageQuery): { limit: number; offset: number } => ({ limit: query.limit ?? 50, offset: query.offset ?? 0 });
