import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, ValidateIf } from 'class-validator';
import type { Assignment } from '@rapport/customers-domain';
import { CandidateReps, REASON_MAX, Trim } from '../http/dto-helpers';

export const ASSIGNMENTS: readonly Assignment[] = ['manager', 'least-busy', 'round-robin'];

export class ReclaimCustomerDto {
  @ApiProperty({ enum: ASSIGNMENTS, description: 'manager: to the rep named in toOwnerId; least-busy / round-robin: picked from the candidates' })
  @IsIn(ASSIGNMENTS)
  assignment!: Assignment;

  @ApiPropertyOptional({ example: 'rep-ben', description: 'Required when assignment is manager' })
  @ValidateIf((o: ReclaimCustomerDto) => o.assignment === 'manager' || o.toOwnerId !== undefined)
  @Trim()
  @IsString()
  @Length(1, 100)
  toOwnerId?: string;

  @CandidateReps('Reps to choose from; default: every rep who owns customers')
  candidates?: string[];

  @ApiProperty({ example: 'no owner contact for 90 days' })
  @Trim()
  @IsString()
  @Length(1, REASON_MAX)
  reason!: string;
}
