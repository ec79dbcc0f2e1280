import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { GATE_STATUSES } from '@rapport/sales-gating-domain';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ReasonDto } from '../gate-queries/gate-queries.dto';
import { PutPolicyDto } from '../policy/policy.dto';

export class WhatIfDto extends OmitType(PutPolicyDto, ['reason'] as const) {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'How many differing customers to list (all are counted)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class AfterwardsDto {
  @ApiProperty() readonly purchases!: number;
  @ApiProperty() readonly complaints!: number;
  @ApiProperty() readonly detractorAnswers!: number;
  @ApiProperty() readonly left!: boolean;
}

export class WhatIfItemDto {
  @ApiProperty() readonly customerId!: string;
  @ApiProperty({ format: 'date-time' }) readonly firstDifferenceAt!: string;
  @ApiProperty({ description: 'G7: the published event behind the fact where the gates first differ' }) readonly firstDifferenceEventId!: string;
  @ApiProperty({ example: 'nps-answered', description: 'What kind of fact it was' }) readonly firstDifferenceFact!: string;
  @ApiProperty({ enum: GATE_STATUSES }) readonly inForce!: string;
  @ApiProperty({ enum: GATE_STATUSES }) readonly proposed!: string;
  @ApiProperty({ type: [ReasonDto], description: 'G7: why the policy in force gave its gate then' }) readonly inForceReasons!: ReasonDto[];
  @ApiProperty({ type: [ReasonDto], description: 'G7: why the proposed policy would have given its gate then' }) readonly proposedReasons!: ReasonDto[];
  @ApiProperty({ type: String, nullable: true }) readonly ownerId!: string | null;
  @ApiProperty({ enum: GATE_STATUSES, nullable: true }) readonly inForceNow!: string | null;
  @ApiProperty({ enum: GATE_STATUSES, nullable: true }) readonly proposedNow!: string | null;
  @ApiProperty() readonly differingFacts!: number;
  @ApiProperty({ type: AfterwardsDto }) readonly afterwards!: AfterwardsDto;
}

export class WhatIfSummaryDto {
  @ApiProperty({ enum: GATE_STATUSES }) readonly inForce!: string;
  @ApiProperty({ enum: GATE_STATUSES }) readonly proposed!: string;
  @ApiProperty() readonly customers!: number;
  @ApiProperty() readonly purchases!: number;
  @ApiProperty() readonly complaints!: number;
  @ApiProperty() readonly left!: number;
}

export class WhatIfReportDto {
  @ApiProperty() readonly inForceVersion!: string;
  @ApiProperty() readonly proposedVersion!: string;
  @ApiProperty() readonly customers!: number;
  @ApiProperty() readonly differing!: number;
  @ApiProperty({ type: [WhatIfSummaryDto] }) readonly summary!: WhatIfSummaryDto[];
  @ApiProperty({ type: [WhatIfItemDto] }) readonly items!: WhatIfItemDto[];
}
