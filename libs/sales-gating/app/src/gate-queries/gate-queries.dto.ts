import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GATE_STATUSES } from '@rapport/sales-gating-domain';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { CountsDto, QuoteDto } from '../check-pitch/check-pitch.dto';
import { ID_PATTERN } from '../http/gate-access';

export class ReasonDto {
  @ApiProperty({ enum: ['G1', 'G2', 'G3', 'G4', 'G6', 'G8'] }) readonly rule!: string;
  @ApiProperty({ example: 'detractor' }) readonly code!: string;
  @ApiProperty() readonly text!: string;
  @ApiProperty({ type: [String], description: 'G7: the ids of the published events behind this reason' }) readonly eventIds!: string[];
}

export class DecisionDto {
  @ApiProperty({ enum: GATE_STATUSES }) readonly status!: string;
  @ApiProperty({ type: [ReasonDto] }) readonly reasons!: ReasonDto[];
  @ApiProperty() readonly policyVersion!: string;
  @ApiProperty({ format: 'date-time' }) readonly decidedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'G7: the earliest time it may change; null: on any new event' }) readonly nextChangeAt!: string | null;
}

export class GateDto {
  @ApiProperty() readonly customerId!: string;
  @ApiProperty({ type: String, nullable: true }) readonly ownerId!: string | null;
  @ApiProperty({ type: [String] }) readonly collaboratorIds!: string[];
  @ApiProperty({ type: DecisionDto, nullable: true }) readonly decision!: DecisionDto | null;
  @ApiProperty({ type: Number, nullable: true }) readonly latestNps!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'share of wallet 0..1' }) readonly share!: number | null;
  @ApiProperty({ type: [String], description: 'complaints not confirmed resolved' }) readonly openComplaints!: string[];
  @ApiProperty({ type: CountsDto }) readonly counts!: CountsDto;
}

export class LedgerEntryDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty({ enum: ['sales', 'contact', 'survey', 'service'], description: 'surveys and service replies are exempt from the sales limits' }) readonly kind!: string;
  @ApiProperty({ type: String, nullable: true }) readonly repId!: string | null;
  @ApiProperty() readonly pitch!: boolean;
  @ApiProperty({ type: String, nullable: true }) readonly product!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly outcome!: string | null;
  @ApiProperty() readonly customerAsked!: boolean;
  @ApiProperty({ format: 'date-time' }) readonly at!: string;
}

export class LedgerDto {
  @ApiProperty() readonly customerId!: string;
  @ApiProperty({ type: CountsDto }) readonly counts!: CountsDto;
  @ApiProperty({ type: [LedgerEntryDto], description: 'the most recent 200 contacts, oldest first' }) readonly entries!: LedgerEntryDto[];
  @ApiProperty({ type: [QuoteDto], description: 'G9: the last quote per product' }) readonly lastQuotes!: QuoteDto[];
  @ApiProperty({ type: [QuoteDto], description: 'G9: every quote, oldest first' }) readonly quotes!: QuoteDto[];
}

export class GateListItemDto {
  @ApiProperty() readonly customerId!: string;
  @ApiProperty({ type: String, nullable: true }) readonly ownerId!: string | null;
  @ApiProperty({ type: DecisionDto }) readonly decision!: DecisionDto;
}

export class GateListDto {
  @ApiProperty({ type: [GateListItemDto] }) readonly items!: GateListItemDto[];
}

export class ListQuery {
  @ApiPropertyOptional({ pattern: ID_PATTERN.source, description: 'Whose customers (default: the caller); a rep sees only their own' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  ownerId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class MapCellDto {
  @ApiProperty({ enum: ['detractor', 'passive', 'promoter', 'none'] }) readonly nps!: string;
  @ApiProperty({ enum: ['low', 'high', 'unknown'] }) readonly share!: string;
  @ApiProperty() readonly customers!: number;
}

export class GateMapDto {
  @ApiProperty({ format: 'date-time' }) readonly asOf!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { OPEN: 3, HOLD: 1, FIX_FIRST: 0, TARGET: 5, NURTURE: 2 } })
  readonly byStatus!: Record<string, number>;
  @ApiProperty({ type: [MapCellDto] }) readonly cells!: MapCellDto[];
}
