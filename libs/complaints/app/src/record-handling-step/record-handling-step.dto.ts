import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { Text } from '../http/dto-helpers';

export class RecordHandlingStepDto {
  @Text('What was done (K4: every handling step is on the record)', 4_000, 'called the courier; replacement ships today') note!: string;

  @ApiProperty({ description: 'Whether the customer was told (counts as a reply: K3 first and next reply times)' })
  @IsBoolean()
  replyToCustomer!: boolean;

  @ApiProperty({ minimum: 0, maximum: 1440, example: 20, description: 'Agent work time spent on this step (K3 metric)' })
  @IsInt()
  @Min(0)
  @Max(1_440)
  workMinutes!: number;
}
