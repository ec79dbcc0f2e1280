import { ApiProperty } from '@nestjs/swagger';

export class DeadlineDto {
  @ApiProperty({ enum: ['acknowledge', 'resolve'] }) clock!: string;
  @ApiProperty({ enum: ['running', 'paused', 'met'] }) state!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Business time left now, ms (negative: overdue); null when met' }) businessTimeLeftMs!: number | null;
  @ApiProperty() breached!: boolean;
}

export class ComplaintRootCauseDto {
  @ApiProperty({ enum: ['specific', 'systemic', 'customer-caused'] }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty({ type: String, nullable: true }) responsibleTeamId!: string | null;
}

export class MetricsDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Received → first reply to the customer, business ms' }) firstReplyMs!: number | null;
  @ApiProperty({ type: [Number], description: 'After each customer reply, the time to the next reply, business ms' }) nextReplyMs!: number[];
  @ApiProperty({ description: 'Time the customer waited on us, business ms' }) requesterWaitMs!: number;
  @ApiProperty({ description: 'Agent work time logged on handling steps' }) agentWorkMinutes!: number;
}

export class ComplaintViewDto {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ example: 'K-2026-000123' }) reference!: string;
  @ApiProperty() customerId!: string;
  @ApiProperty({ example: 'delivery' }) category!: string;
  @ApiProperty({ example: 'high' }) severity!: string;
  @ApiProperty({ enum: ['received', 'acknowledged', 'waiting-on-customer', 'resolution-proposed', 'closed'] }) status!: string;
  @ApiProperty() ownerId!: string;
  @ApiProperty({ description: 'K2: the first receiver, accountable until the customer confirms' }) accountableId!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty() breached!: boolean;
  @ApiProperty({ type: [DeadlineDto], description: 'K3: every deadline, not only the nearest' }) deadlines!: DeadlineDto[];
  @ApiProperty({ type: ComplaintRootCauseDto, nullable: true }) rootCause!: ComplaintRootCauseDto | null;
  @ApiProperty() concessions!: number;
  @ApiProperty() concessionTotal!: number;
  @ApiProperty({ type: MetricsDto, description: 'K3 metrics as ticketing tools define them' }) metrics!: MetricsDto;
}
