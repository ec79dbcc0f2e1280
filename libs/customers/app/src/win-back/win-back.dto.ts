import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsBoolean, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import {
  CONTACT_CHANNELS,
  CONTACT_DIRECTIONS,
  DECISION_MAKER_RANKS,
  ROOT_CAUSES,
  type ContactChannel,
  type ContactDirection,
  type DecisionMakerRank,
  type RootCause,
  type RootCauseKind,
} from '@rapport/customers-domain';
import { REASON_MAX, TEXT_MAX, Trim } from '../http/dto-helpers';

const ALL_CAUSES = [...ROOT_CAUSES.specific, ...ROOT_CAUSES.systemic];

export class SignalLeavingDto {
  @ApiProperty({ example: 'asked for contract termination terms', description: 'What showed the customer is leaving' })
  @Trim()
  @IsString()
  @Length(1, TEXT_MAX)
  signal!: string;
}

export class GatherBackgroundDto {
  @ApiProperty({ description: 'Step 1: the internal background (orders, complaints, who dealt with them)' })
  @Trim()
  @IsString()
  @Length(1, TEXT_MAX)
  background!: string;
}

/** C11: steps 2 and 6 are contacts (C5): how the customer was reached. */
class WinBackContactDto {
  @ApiPropertyOptional({ enum: CONTACT_CHANNELS, default: 'call' })
  @IsOptional()
  @IsIn(CONTACT_CHANNELS)
  channel?: ContactChannel;

  @ApiPropertyOptional({ enum: CONTACT_DIRECTIONS, default: 'outbound' })
  @IsOptional()
  @IsIn(CONTACT_DIRECTIONS)
  direction?: ContactDirection;
}

export class ReachDecisionMakerDto extends WinBackContactDto {
  @ApiProperty({ example: 'Lee Chan', description: 'Step 2: the person reached' })
  @Trim()
  @IsString()
  @Length(1, 200)
  decisionMaker!: string;

  @ApiProperty({ example: 'CFO', description: 'C11: their title: a decision-maker is a person with a title' })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ enum: DECISION_MAKER_RANKS, default: 'decision-maker', description: '`highest-reachable` when the decision-maker could not be reached' })
  @IsOptional()
  @IsIn(DECISION_MAKER_RANKS)
  rank?: DecisionMakerRank;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, TEXT_MAX)
  notes?: string;
}

export class WinBackComplaintDto {
  @ApiProperty({ description: 'What the customer complains about' })
  @Trim()
  @IsString()
  @Length(1, TEXT_MAX)
  description!: string;

  @ApiProperty({ description: 'C11: the rep apologised when they heard it', example: true })
  @IsBoolean()
  @Equals(true, { message: 'C11: apologise to the customer before recording their complaint' })
  apologised!: boolean;
}

export class LeavingAnswersDto {
  @ApiProperty({ description: 'Step 3: their answer to "why are you leaving?"' })
  @Trim()
  @IsString()
  @Length(1, TEXT_MAX)
  whyLeaving!: string;

  @ApiProperty({ description: 'Step 3: their answer to "what would make you stay?"' })
  @Trim()
  @IsString()
  @Length(1, TEXT_MAX)
  whatWouldMakeStay!: string;

  @ApiPropertyOptional({ type: () => WinBackComplaintDto, description: 'C11/K1: the answer is a complaint: it is opened as one' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WinBackComplaintDto)
  complaint?: WinBackComplaintDto;
}

export class RootCauseDto {
  @ApiProperty({ enum: ['specific', 'systemic'], description: 'Step 4' })
  @IsIn(['specific', 'systemic'])
  kind!: RootCauseKind;

  @ApiProperty({ enum: ALL_CAUSES, description: 'specific: person, incident, customer-change; systemic: price, support-model, product' })
  @IsIn(ALL_CAUSES)
  cause!: RootCause;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, TEXT_MAX)
  notes?: string;

  @ApiPropertyOptional({ example: 'rep-ben', description: 'C11: required when the cause is a person: the rep who takes the win-back over' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  takeOverBy?: string;
}

export class WorthItDto {
  @ApiProperty({ description: 'Step 5: is winning back worth it?' })
  @IsBoolean()
  worthIt!: boolean;

  @ApiProperty()
  @Trim()
  @IsString()
  @Length(1, REASON_MAX)
  reason!: string;
}

export class FollowUpDto extends WinBackContactDto {
  @ApiProperty({ description: 'Step 6: what we told the customer has changed' })
  @Trim()
  @IsString()
  @Length(1, TEXT_MAX)
  whatChanged!: string;

  @ApiPropertyOptional({ example: '15% off the renewal', description: 'C11: a concession granted to win them back; the manager sees it' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, TEXT_MAX)
  concession?: string;
}

export class WinBackOutcomeDto {
  @ApiProperty({ enum: ['won-back', 'lost'] })
  @IsIn(['won-back', 'lost'])
  outcome!: 'won-back' | 'lost';

  @ApiProperty()
  @Trim()
  @IsString()
  @Length(1, REASON_MAX)
  reason!: string;
}
