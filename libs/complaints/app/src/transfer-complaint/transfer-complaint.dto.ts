import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { REASON_MAX, Text, Trim } from '../http/dto-helpers';

export class TransferComplaintDto {
  @ApiProperty({ example: 'rep-ben', description: 'Who takes the work over (an active person of the directory, D1)' })
  @Trim()
  @IsString()
  @Length(1, 100)
  toOwnerId!: string;

  @Text('Why (K2: no bouncing — a transfer always states one; the customer is told who owns it now)', REASON_MAX, 'billing specialist') reason!: string;
}
