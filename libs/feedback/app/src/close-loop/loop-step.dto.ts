import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { LOOP_STEPS, type LoopStep } from '@rapport/feedback-domain';

export class RecordLoopStepDto {
  @ApiProperty({ enum: LOOP_STEPS, description: 'F3: contact (also a C5 contact on the customer), root cause, fix, customer informed' })
  @IsIn(LOOP_STEPS)
  step!: LoopStep;

  @ApiPropertyOptional({ maxLength: 2000, description: 'What was said, found or done (personal data)' })
  @IsOptional()
  @IsString()
  @Length(1, 2_000)
  note?: string;
}

export class LoopChangedDto {
  @ApiProperty() readonly loopId!: string;
  @ApiProperty({ type: [String], example: ['feedback.loop-step-recorded.v1'] }) readonly events!: string[];
  @ApiProperty({ type: [String], description: 'F3: steps still needed before the follow-up may close' }) readonly stepsMissing!: string[];
  @ApiProperty({ enum: ['open', 'closed'] }) readonly status!: string;
}
