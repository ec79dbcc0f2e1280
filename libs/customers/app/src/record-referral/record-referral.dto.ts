import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class RecordReferralDto {
  @ApiProperty({ format: 'uuid', description: 'The customer who referred this one (C10: they become a sales coach)' })
  @IsUUID()
  referrerId!: string;
}
