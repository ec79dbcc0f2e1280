import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Amount } from '@rapport/platform-nest';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

export class QuadrantDto {
  @ApiProperty({ minimum: 1, maximum: 10, example: 7, description: 'G3: an NPS at or above this is high' })
  @IsInt()
  @Min(1)
  @Max(10)
  highNpsFrom!: number;

  @ApiProperty({ minimum: 0.01, maximum: 1, example: 0.5, description: 'G3: a share of wallet at or above this is high' })
  @Amount({ min: 0.01, max: 1, decimals: 4 })
  highShareFrom!: number;

  @ApiProperty({ enum: ['low', 'high'] })
  @IsIn(['low', 'high'])
  unknownShareAs!: 'low' | 'high';
}

export class PressureDto {
  @ApiProperty({ minimum: 1, maximum: 1, example: 1 }) @IsInt() @Min(1) @Max(1) salesAttemptsPerDay!: number;
  @ApiProperty({ minimum: 14, maximum: 90, example: 14 }) @IsInt() @Min(14) @Max(90) pitchSpacingDays!: number;
  @ApiProperty({ minimum: 1, maximum: 90, example: 14 }) @IsInt() @Min(1) @Max(90) afterRejectionDays!: number;
  @ApiProperty({ minimum: 1, maximum: 366, example: 180 }) @IsInt() @Min(1) @Max(366) maxSnoozeDays!: number;
  @ApiProperty({ minimum: 1, maximum: 366, example: 30 }) @IsInt() @Min(1) @Max(366) defaultSnoozeDays!: number;
}

export class PutPolicyDto {
  @ApiProperty({ pattern: '^[A-Za-z0-9._-]{1,64}$', example: 'gating-2026.2' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  version!: string;

  @ApiProperty({ type: QuadrantDto }) @ValidateNested() @Type(() => QuadrantDto) quadrant!: QuadrantDto;

  @ApiProperty({ minimum: 7, maximum: 10, example: 7, description: 'G4: the later NPS that lifts a hold' })
  @IsInt()
  @Min(7)
  @Max(10)
  turnaroundMinNps!: number;

  @ApiProperty({ type: PressureDto }) @ValidateNested() @Type(() => PressureDto) pressure!: PressureDto;

  @ApiProperty({ minimum: 1, maximum: 366, example: 90 }) @IsInt() @Min(1) @Max(366) surveyIntervalDays!: number;

  @ApiProperty({ minLength: 1, maxLength: 500, example: 'stricter quadrant after the Q1 review' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class PolicyDto {
  @ApiProperty() readonly version!: string;
  @ApiProperty({ type: QuadrantDto }) readonly quadrant!: QuadrantDto;
  @ApiProperty() readonly turnaroundMinNps!: number;
  @ApiProperty({ type: PressureDto }) readonly pressure!: PressureDto;
  @ApiProperty() readonly surveyIntervalDays!: number;
}

export class PolicyInForceDto {
  @ApiProperty({ type: PolicyDto }) readonly current!: PolicyDto;
  @ApiProperty({ type: [String], description: 'every version put, oldest first' }) readonly versions!: string[];
}

export class PolicyPutDto {
  @ApiProperty() readonly version!: string;
  @ApiProperty({ description: 'customers whose gate was decided again' }) readonly reEvaluated!: number;
  @ApiProperty({ description: 'customers whose gate changed (each change is an event naming the version)' }) readonly changed!: number;
}
