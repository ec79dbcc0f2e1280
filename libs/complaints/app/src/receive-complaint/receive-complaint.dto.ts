import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, SEVERITIES, type ComplaintCategory, type ComplaintChannel, type Severity } from '@rapport/complaints-domain';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { OptionalText, Text, Trim } from '../http/dto-helpers';

export class ReceiveComplaintDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The id to open it under (a retry with the same id opens nothing twice); default: a new one' })
  @IsOptional()
  @IsUUID()
  complaintId?: string;

  @ApiProperty({ example: '0192f0c4-6c1e-7d1a-9b7e-2f3c4d5e6f70', description: 'The customer who complains' })
  @Trim()
  @IsString()
  @Length(1, 100)
  customerId!: string;

  @ApiProperty({ enum: COMPLAINT_CHANNELS, example: 'phone' }) @IsIn(COMPLAINT_CHANNELS) channel!: ComplaintChannel;
  @ApiProperty({ enum: COMPLAINT_CATEGORIES, example: 'delivery' }) @IsIn(COMPLAINT_CATEGORIES) category!: ComplaintCategory;
  @ApiProperty({ enum: SEVERITIES, example: 'high' }) @IsIn(SEVERITIES) severity!: Severity;
  @Text('What the customer complains about, in her words (personal data, A5)', 4_000, 'the parcel arrived broken') description!: string;
  @OptionalText('What she asks for (a replacement, a refund)', 1_000) remedySought?: string;
}
