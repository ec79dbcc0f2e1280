import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { REASON_MAX, Trim } from '../http/dto-helpers';

export class TransferOwnershipDto {
  @ApiProperty({ example: 'rep-ben', description: 'The rep who will own the customer' })
  @Trim()
  @IsString()
  @Length(1, 100)
  toOwnerId!: string;

  @ApiProperty({ example: 'territory realignment', description: 'Why (C3: a transfer always states one)' })
  @Trim()
  @IsString()
  @Length(1, REASON_MAX)
  reason!: string;
}
