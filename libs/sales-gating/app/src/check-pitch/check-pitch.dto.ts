import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_BATCH_CHECKS } from '@rapport/sales-gating-contracts';
import { GATE_STATUSES } from '@rapport/sales-gating-domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ID_PATTERN } from '../http/gate-access';

export class CheckDto {
  @ApiProperty({ example: '0190a0e4-5d3c-7b7a-9f53-1c2d3e4f5a6b', pattern: ID_PATTERN.source })
  @IsString()
  @Matches(ID_PATTERN)
  customerId!: string;

  @ApiPropertyOptional({ example: 'rep-ana', pattern: ID_PATTERN.source, description: 'Who would pitch (default: the caller); a rep asks only for themselves (G6)' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  repId?: string;

  @ApiPropertyOptional({ example: 'seats', minLength: 1, maxLength: 100, description: 'The product; its last quote comes with the answer (G9)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  product?: string;

  @ApiPropertyOptional({ description: 'G5: the customer asked to be contacted (pitch spacing, rejections and a snooze do not apply)' })
  @IsOptional()
  @IsBoolean()
  customerAsked?: boolean;
}

export class BatchCheckDto {
  @ApiProperty({ type: [CheckDto], minItems: 1, maxItems: MAX_BATCH_CHECKS, description: 'Up to 10,000 checks, answered in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_CHECKS)
  @ValidateNested({ each: true })
  @Type(() => CheckDto)
  checks!: CheckDto[];
}

export class DenialDto {
  @ApiProperty({ enum: ['G1', 'G2', 'G3', 'G4', 'G5', 'G6'] }) readonly rule!: string;
  @ApiProperty({ example: 'attempted-today' }) readonly code!: string;
  @ApiProperty() readonly text!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until when this denial holds (null: until an event)' }) readonly until!: string | null;
}

export class CountsDto {
  @ApiProperty() readonly followUpsSincePurchase!: number;
  @ApiProperty({ description: 'the seven-rejection rule: count, do not give up' }) readonly rejectionsInRow!: number;
  @ApiProperty() readonly rejections!: number;
  @ApiProperty() readonly salesAttemptsLast30Days!: number;
  @ApiProperty({ description: 'exempt from the sales limits, listed beside them' }) readonly surveysLast30Days!: number;
  @ApiProperty({ description: 'exempt from the sales limits, listed beside them' }) readonly serviceRepliesLast30Days!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly lastSalesAttemptAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly snoozedUntil!: string | null;
}

export class QuoteDto {
  @ApiProperty() readonly quoteId!: string;
  @ApiProperty() readonly repId!: string;
  @ApiProperty() readonly product!: string;
  @ApiProperty() readonly amount!: number;
  @ApiProperty({ example: 'EUR' }) readonly currency!: string;
  @ApiProperty({ type: String, nullable: true }) readonly approvedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) readonly at!: string;
}

export class CheckReplyDto {
  @ApiProperty() readonly customerId!: string;
  @ApiProperty() readonly repId!: string;
  @ApiProperty() readonly allowed!: boolean;
  @ApiProperty({ enum: GATE_STATUSES, nullable: true, description: 'null when the caller may not see this customer (G6)' }) readonly status!: string | null;
  @ApiProperty({ type: [DenialDto] }) readonly denials!: DenialDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When asking again may be allowed; null when allowed, or when only an event can change it' })
  readonly nextAllowedAt!: string | null;
  @ApiProperty() readonly policyVersion!: string;
  @ApiProperty({ format: 'date-time' }) readonly answeredAt!: string;
  @ApiProperty({ type: CountsDto, nullable: true }) readonly counts!: CountsDto | null;
  @ApiProperty({ type: [QuoteDto], description: 'G9: the last quote per product' }) readonly lastQuotes!: QuoteDto[];
}

export class BatchCheckReplyDto {
  @ApiProperty({ type: [CheckReplyDto] }) readonly answers!: CheckReplyDto[];
}
