import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ROOT_CAUSES, type RootCause, type RootCauseKind } from '@rapport/customers-domain';
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

export class ReachDecisionMakerDto {
  @ApiProperty({ example: 'Lee Chan (CFO)', description: 'Step 2: the decision-maker reached' })
  @Trim()
  @IsString()
  @Length(1, 200)
  decisionMaker!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, TEXT_MAX)
  notes?: string;
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

export class FollowUpDto {
  @ApiProperty({ description: 'Step 6: what we told the customer has changed' })
  @Trim()
  @IsString()
  @Length(1, TEXT_MAX)
  whatChanged!: string;
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
