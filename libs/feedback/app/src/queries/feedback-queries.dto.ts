import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DIMENSIONS } from '../read-models/segments';

export class BoardQuery {
  @ApiPropertyOptional({ enum: DIMENSIONS, default: 'overall', description: 'F1: segment by tier, grade, stage, owner, team or industry' })
  @IsOptional()
  @IsIn(DIMENSIONS)
  dimension?: (typeof DIMENSIONS)[number];

  @ApiPropertyOptional({ example: '2026-03', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'A calendar month; all time when absent' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/)
  month?: string;
}

export class TrendQuery {
  @ApiPropertyOptional({ enum: ['week', 'month'], default: 'week' })
  @IsOptional()
  @IsIn(['week', 'month'])
  interval?: 'week' | 'month';

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 104, default: 26 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(104)
  periods?: number;
}

export class QueueQuery {
  @ApiPropertyOptional({ example: 'rep-ana', description: "Whose follow-ups; a rep sees only their own (default: the caller's, or all for a manager)" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  ownerId?: string;
}

export class NpsDto {
  @ApiProperty({ description: 'answers behind the figure' }) readonly count!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'F1: −100..100; null with no answers' }) readonly nps!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'F1: half-width of the 95% confidence interval' }) readonly marginOfError!: number | null;
  @ApiProperty() readonly promoters!: number;
  @ApiProperty() readonly passives!: number;
  @ApiProperty() readonly detractors!: number;
  @ApiProperty({ description: 'F5: 100% satisfied on a meaningful count: likely a biased survey' }) readonly likelyBiased!: boolean;
}
export class SegmentNpsDto extends NpsDto {
  @ApiProperty({ example: 'gold' }) readonly value!: string;
}
export class NpsBoardDto {
  @ApiProperty({ format: 'date-time' }) readonly asOf!: string;
  @ApiProperty({ example: 'all' }) readonly period!: string;
  @ApiProperty({ enum: DIMENSIONS }) readonly dimension!: string;
  @ApiProperty({ type: NpsDto }) readonly overall!: NpsDto;
  @ApiProperty({ type: [SegmentNpsDto] }) readonly segments!: readonly SegmentNpsDto[];
}
export class TrendPointDto extends NpsDto {
  @ApiProperty({ example: '2026-W10' }) readonly period!: string;
}
export class DetractorQueueItemDto {
  @ApiProperty() readonly loopId!: string;
  @ApiProperty() readonly customerId!: string;
  @ApiProperty() readonly surveyId!: string;
  @ApiProperty({ type: String, nullable: true }) readonly ownerId!: string | null;
  @ApiProperty() readonly score!: number;
  @ApiProperty({ type: [String] }) readonly categories!: readonly string[];
  @ApiProperty({ format: 'date-time' }) readonly openedAt!: string;
  @ApiProperty({ format: 'date-time' }) readonly dueAt!: string;
  @ApiProperty({ description: 'negative once overdue' }) readonly hoursLeft!: number;
  @ApiProperty() readonly overdue!: boolean;
  @ApiProperty({ type: [String] }) readonly stepsDone!: readonly string[];
  @ApiProperty({ type: [String] }) readonly stepsMissing!: readonly string[];
  @ApiProperty({ type: String, nullable: true }) readonly escalatedTo!: string | null;
}
export class RankedIssueDto {
  @ApiProperty({ enum: ['product-performance', 'price', 'service'] }) readonly category!: string;
  @ApiProperty() readonly responses!: number;
  @ApiProperty() readonly frequency!: number;
  @ApiProperty() readonly scoreGap!: number;
  @ApiProperty() readonly lostShare!: number;
  @ApiProperty() readonly damage!: number;
  @ApiProperty() readonly impact!: number;
}
export class IssueListDto {
  @ApiProperty({ format: 'date-time' }) readonly asOf!: string;
  @ApiProperty() readonly responses!: number;
  @ApiProperty({ type: [RankedIssueDto] }) readonly issues!: readonly RankedIssueDto[];
}
export class PipelineDto {
  @ApiProperty() readonly requested!: number;
  @ApiProperty() readonly throttled!: number;
  @ApiProperty() readonly sent!: number;
  @ApiProperty() readonly answered!: number;
  @ApiProperty() readonly expired!: number;
}
export class SurveyHistoryItemDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty({ enum: ['requested', 'throttled', 'sent', 'answered', 'expired'] }) readonly status!: string;
  @ApiProperty() readonly trigger!: string;
  @ApiProperty() readonly channel!: string;
  @ApiProperty({ format: 'date-time' }) readonly requestedAt!: string;
  @ApiProperty({ type: Number, nullable: true }) readonly score!: number | null;
  @ApiProperty({ type: String, nullable: true }) readonly category!: string | null;
}
export class SentimentPointDto {
  @ApiProperty({ format: 'date-time' }) readonly at!: string;
  @ApiProperty() readonly score!: number;
  @ApiProperty() readonly category!: string;
}
export class FeedbackHistoryDto {
  @ApiProperty() readonly customerId!: string;
  @ApiProperty({ type: [SurveyHistoryItemDto] }) readonly surveys!: readonly SurveyHistoryItemDto[];
  @ApiProperty({ type: [SentimentPointDto], description: 'F7: category over time' }) readonly sentiment!: readonly SentimentPointDto[];
  @ApiProperty({ type: [DetractorQueueItemDto] }) readonly loops!: readonly object[];
}
