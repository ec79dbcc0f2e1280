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

export class LoopAnswerDto {
  @ApiProperty() readonly score!: number;
  @ApiProperty({ type: String, nullable: true }) readonly comment!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, nullable: true }) readonly answers!: Readonly<Record<string, string>> | null;
  @ApiProperty({ format: 'date-time' }) readonly answeredAt!: string;
}

export class LoopStepNoteDto {
  @ApiProperty({ enum: LOOP_STEPS }) readonly step!: string;
  @ApiProperty({ type: String, nullable: true }) readonly note!: string | null;
  @ApiProperty() readonly recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) readonly recordedAt!: string;
}

export class ResurveyDto {
  @ApiProperty() readonly surveyId!: string;
  @ApiProperty() readonly score!: number;
  @ApiProperty({ enum: ['promoter', 'passive', 'detractor'] }) readonly category!: string;
  @ApiProperty({ format: 'date-time' }) readonly answeredAt!: string;
  @ApiProperty({ description: 'a higher score than the one that opened the follow-up' }) readonly improved!: boolean;
}

export class LoopDetailDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty() readonly customerId!: string;
  @ApiProperty() readonly surveyId!: string;
  @ApiProperty({ type: String, nullable: true }) readonly ownerId!: string | null;
  @ApiProperty({ enum: ['open', 'closed'] }) readonly status!: string;
  @ApiProperty() readonly score!: number;
  @ApiProperty({ type: [String] }) readonly categories!: readonly string[];
  @ApiProperty({ format: 'date-time' }) readonly openedAt!: string;
  @ApiProperty({ format: 'date-time' }) readonly dueAt!: string;
  @ApiProperty({ type: [String] }) readonly steps!: readonly string[];
  @ApiProperty({ type: String, nullable: true }) readonly escalatedTo!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly closedAt!: string | null;
  @ApiProperty({ type: ResurveyDto, nullable: true, description: "F3: the customer's next answer: did it work?" }) readonly resurvey!: ResurveyDto | null;
  @ApiProperty({ type: LoopAnswerDto, nullable: true }) readonly answer!: LoopAnswerDto | null;
  @ApiProperty({ type: [LoopStepNoteDto] }) readonly stepNotes!: readonly LoopStepNoteDto[];
}
