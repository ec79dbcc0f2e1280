import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Amount } from '@rapport/platform-nest';
import { IsOptional, IsUUID } from 'class-validator';
import { REASON_MAX, Text } from '../http/dto-helpers';

export class ApproveConcessionDto {
  @ApiProperty({ format: 'uuid', description: 'The approval\'s id, quoted when the concession is granted' }) @IsUUID() approvalId!: string;
  @ApiProperty({ example: 250, minimum: 0.01, maximum: 1_000_000 }) @Amount({ min: 0.01, max: 1_000_000 }) maxAmount!: number;
  @Text('Why the manager allows it', REASON_MAX, 'long-standing customer, our fault twice') reason!: string;
}

export class GrantConcessionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() concessionId!: string;
  @ApiProperty({ example: 40, minimum: 0.01, maximum: 1_000_000 }) @Amount({ min: 0.01, max: 1_000_000 }) amount!: number;
  @Text('What is given (refund, voucher, discount)', REASON_MAX, 'voucher for the next order') description!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'K6: the manager\'s approval, needed above the threshold or when the customer caused it' })
  @IsOptional()
  @IsUUID()
  approvalId?: string;
}
