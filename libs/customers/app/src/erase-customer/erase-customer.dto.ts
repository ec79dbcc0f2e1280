import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ERASURE_BASES, type ErasureBasis } from '@rapport/customers-domain';

export class EraseCustomerDto {
  @ApiProperty({
    enum: ERASURE_BASES,
    description: 'A5: the legal basis, a code and never free text (anything typed here would be personal data kept forever)',
  })
  @IsIn(ERASURE_BASES)
  basis!: ErasureBasis;
}

export class CustomerErasedDto {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ format: 'date-time', description: 'When the key was destroyed (the first erasure, if asked again)' }) erasedAt!: string;
  @ApiProperty({ description: 'False when the key was already gone: erasing twice is harmless' }) keyDestroyed!: boolean;
  @ApiProperty({ description: 'C1 phone/email keys released, so whoever registers them next is not refused' }) releasedKeys!: number;
  @ApiProperty({ description: 'Global position of the erasure event; 0 when already erased' }) position!: number;
}
