import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { OptionalText, REASON_MAX, Text } from '../http/dto-helpers';

export class CustomerReplyDto {
  @Text('What the customer answered (the SLA clocks resume, K3)', 4_000, 'photo sent by e-mail') summary!: string;
}

export class ConfirmResolutionDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'K4: the customer\'s satisfaction' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction?: number;

  @OptionalText('What she said', REASON_MAX) comment?: string;
}

export class RejectResolutionDto {
  @Text('Why she rejects it (K5: the complaint reopens with the same owner)', REASON_MAX, 'the replacement is broken too') reason!: string;
}
