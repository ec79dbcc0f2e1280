import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CandidateReps } from '../http/dto-helpers';
import type { AutoAssignment } from '@rapport/customers-domain';

export class SweepCustomersDto {
  @ApiPropertyOptional({ enum: ['least-busy', 'round-robin'], description: 'Reassign what became reclaimable by this policy; omit to leave it to a manager' })
  @IsOptional()
  @IsIn(['least-busy', 'round-robin'])
  autoAssign?: AutoAssignment;

  @CandidateReps('Reps the auto-assignment may pick; default: every rep who owns customers')
  candidates?: string[];
}

export class SweepReportDto {
  @ApiProperty() asOf!: string;
  @ApiProperty() reviewed!: number;
  @ApiProperty({ description: 'Customers for which the sweep recorded events' }) changed!: number;
  @ApiProperty({ type: [String] }) warned!: string[];
  @ApiProperty({ type: [String] }) becameReclaimable!: string[];
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { customerId: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } } })
  reassigned!: { customerId: string; from: string; to: string }[];
  @ApiProperty() policyVersion!: string;
}
