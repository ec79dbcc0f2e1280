import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

export class AuditAsOfQuery {
  @ApiProperty({ format: 'date-time', example: '2026-03-03T12:00:00Z', description: 'The moment asked about (not in the future)' })
  @IsISO8601({ strict: true })
  at!: string;
}

const standing = (service: string) =>
  ({
    service: ApiProperty({ enum: [service], description: 'The service whose store this part is folded from' }),
    position: ApiProperty({ minimum: 0, description: "The global position in that service's store the part stands at: her last event recorded at or before the instant (0: none)" }),
    nextPosition: ApiProperty({ type: Number, nullable: true, description: 'Her first event in that store recorded after the instant (what the answer leaves out); null: none yet' }),
  }) as const;

const customers = standing('customers');
const gating = standing('sales-gating');
const complaints = standing('complaints');
const feedback = standing('feedback');

export class AuditCardThenDto {
  @ApiProperty({ format: 'uuid' }) readonly customerId!: string;
  @ApiProperty({ enum: ['active', 'merged'] }) readonly status!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'C2: the survivor she was merged into' }) readonly mergedInto!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Personal data: null once erased (A5)' }) readonly name!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Personal data: null once erased (A5)' }) readonly company!: string | null;
  @ApiProperty({ format: 'date-time' }) readonly registeredAt!: string;
  @ApiProperty({ description: 'C3: who owned her then' }) readonly ownerId!: string;
  @ApiProperty({ format: 'date-time' }) readonly ownerSince!: string;
  @ApiProperty({ type: [String] }) readonly collaboratorIds!: string[];
  @ApiProperty({ type: String, nullable: true }) readonly stage!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly tier!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly grade!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly erasedAt!: string | null;
}

export class AuditCardPartDto {
  @customers.service readonly service!: string;
  @customers.position readonly position!: number;
  @customers.nextPosition readonly nextPosition!: number | null;
  @ApiProperty({ type: AuditCardThenDto, nullable: true, description: 'null: she was not registered yet' }) readonly card!: AuditCardThenDto | null;
}

export class AuditGateReasonDto {
  @ApiProperty({ enum: ['G1', 'G2', 'G3', 'G4', 'G6', 'G8'] }) readonly rule!: string;
  @ApiProperty({ example: 'detractor' }) readonly code!: string;
  @ApiProperty() readonly text!: string;
  @ApiProperty({ type: [String], description: 'G7: the ids of the published events behind this reason' }) readonly eventIds!: string[];
}

export class AuditGateDecisionDto {
  @ApiProperty({ enum: ['OPEN', 'HOLD', 'FIX_FIRST', 'TARGET', 'NURTURE'] }) readonly status!: string;
  @ApiProperty({ type: [AuditGateReasonDto] }) readonly reasons!: AuditGateReasonDto[];
  @ApiProperty() readonly policyVersion!: string;
  @ApiProperty({ format: 'date-time' }) readonly decidedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'G7: the earliest time it could change; null: on any new event' }) readonly nextChangeAt!: string | null;
}

export class AuditPressureCountsDto {
  @ApiProperty() readonly followUpsSincePurchase!: number;
  @ApiProperty() readonly rejectionsInRow!: number;
  @ApiProperty() readonly rejections!: number;
  @ApiProperty({ description: 'in the 30 days before the instant' }) readonly salesAttemptsLast30Days!: number;
  @ApiProperty({ description: 'in the 30 days before the instant' }) readonly surveysLast30Days!: number;
  @ApiProperty({ description: 'in the 30 days before the instant' }) readonly serviceRepliesLast30Days!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly lastSalesAttemptAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly snoozedUntil!: string | null;
}

export class AuditGateThenDto {
  @ApiProperty({ type: String, nullable: true }) readonly ownerId!: string | null;
  @ApiProperty({ type: [String] }) readonly collaboratorIds!: string[];
  @ApiProperty({ type: AuditGateDecisionDto, nullable: true, description: 'G7: the gate in force and why; null before the first decision' }) readonly decision!: AuditGateDecisionDto | null;
  @ApiProperty({ type: Number, nullable: true }) readonly latestNps!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'share of wallet 0..1' }) readonly share!: number | null;
  @ApiProperty({ type: [String], description: 'complaints not confirmed resolved' }) readonly openComplaints!: string[];
  @ApiProperty({ type: AuditPressureCountsDto }) readonly counts!: AuditPressureCountsDto;
}

export class AuditGatePartDto {
  @gating.service readonly service!: string;
  @gating.position readonly position!: number;
  @gating.nextPosition readonly nextPosition!: number | null;
  @ApiProperty({ type: AuditGateThenDto, nullable: true, description: 'null: gating had heard nothing of her yet' }) readonly gate!: AuditGateThenDto | null;
}

export class AuditComplaintDeadlineDto {
  @ApiProperty({ enum: ['acknowledge', 'resolve'] }) readonly clock!: string;
  @ApiProperty({ enum: ['running', 'paused', 'met'] }) readonly state!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly dueAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Business time left at the instant, ms (negative: overdue); null when met' }) readonly businessTimeLeftMs!: number | null;
  @ApiProperty() readonly breached!: boolean;
}

export class AuditComplaintRootCauseDto {
  @ApiProperty({ enum: ['specific', 'systemic', 'customer-caused'] }) readonly kind!: string;
  @ApiProperty({ type: String, nullable: true }) readonly code!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly responsibleTeamId!: string | null;
}

export class AuditComplaintMetricsDto {
  @ApiProperty({ type: Number, nullable: true }) readonly firstReplyMs!: number | null;
  @ApiProperty({ type: [Number] }) readonly nextReplyMs!: number[];
  @ApiProperty() readonly requesterWaitMs!: number;
  @ApiProperty() readonly agentWorkMinutes!: number;
}

export class AuditComplaintThenDto {
  @ApiProperty({ format: 'uuid' }) readonly complaintId!: string;
  @ApiProperty({ example: 'K-2026-000123' }) readonly reference!: string;
  @ApiProperty() readonly customerId!: string;
  @ApiProperty() readonly category!: string;
  @ApiProperty() readonly severity!: string;
  @ApiProperty({ enum: ['received', 'acknowledged', 'waiting-on-customer', 'resolution-proposed', 'closed'], description: 'The stage it was at' }) readonly status!: string;
  @ApiProperty({ description: 'K5: open until the customer confirmed the resolution' }) readonly open!: boolean;
  @ApiProperty() readonly ownerId!: string;
  @ApiProperty() readonly accountableId!: string;
  @ApiProperty({ format: 'date-time' }) readonly receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly closedAt!: string | null;
  @ApiProperty() readonly breached!: boolean;
  @ApiProperty({ type: [AuditComplaintDeadlineDto] }) readonly deadlines!: AuditComplaintDeadlineDto[];
  @ApiProperty({ type: AuditComplaintRootCauseDto, nullable: true }) readonly rootCause!: AuditComplaintRootCauseDto | null;
  @ApiProperty() readonly concessions!: number;
  @ApiProperty() readonly concessionTotal!: number;
  @ApiProperty({ type: AuditComplaintMetricsDto }) readonly metrics!: AuditComplaintMetricsDto;
}

export class AuditComplaintsPartDto {
  @complaints.service readonly service!: string;
  @complaints.position readonly position!: number;
  @complaints.nextPosition readonly nextPosition!: number | null;
  @ApiProperty({ type: [AuditComplaintThenDto], description: 'Her complaints received by then, oldest first' }) readonly complaints!: AuditComplaintThenDto[];
}

export class AuditNpsAnswerDto {
  @ApiProperty() readonly surveyId!: string;
  @ApiProperty({ format: 'date-time' }) readonly answeredAt!: string;
  @ApiProperty({ minimum: 0, maximum: 10 }) readonly score!: number;
  @ApiProperty({ enum: ['promoter', 'passive', 'detractor'] }) readonly category!: string;
  @ApiProperty({ type: [String], enum: ['product-performance', 'price', 'service'] }) readonly categories!: string[];
}

export class AuditSurveyThenDto {
  @ApiProperty() readonly surveyId!: string;
  @ApiProperty({ enum: ['requested', 'throttled', 'sent', 'answered', 'expired'] }) readonly status!: string;
  @ApiProperty({ enum: ['purchase', 'complaint-resolved', 'relationship', 'manual'] }) readonly trigger!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly sentAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly expiresAt!: string | null;
}

export class AuditNpsPartDto {
  @feedback.service readonly service!: string;
  @feedback.position readonly position!: number;
  @feedback.nextPosition readonly nextPosition!: number | null;
  @ApiProperty({ type: String, enum: ['promoter', 'passive', 'detractor'], nullable: true, description: 'F7: the category of her latest answer then' }) readonly category!: string | null;
  @ApiProperty({ type: [AuditNpsAnswerDto], description: 'Her answers by then, oldest first (no comments: free text stays sealed in the events)' }) readonly answers!: AuditNpsAnswerDto[];
  @ApiProperty({ type: [AuditSurveyThenDto] }) readonly surveys!: AuditSurveyThenDto[];
}

export class AuditAsOfDto {
  @ApiProperty({ format: 'uuid' }) readonly customerId!: string;
  @ApiProperty({ format: 'date-time', description: 'The instant asked about' }) readonly asOf!: string;
  @ApiProperty({ type: AuditCardPartDto }) readonly card!: AuditCardPartDto;
  @ApiProperty({ type: AuditGatePartDto }) readonly gate!: AuditGatePartDto;
  @ApiProperty({ type: AuditComplaintsPartDto }) readonly complaints!: AuditComplaintsPartDto;
  @ApiProperty({ type: AuditNpsPartDto }) readonly nps!: AuditNpsPartDto;
}
