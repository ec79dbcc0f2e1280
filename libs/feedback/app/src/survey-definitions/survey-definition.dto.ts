import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { WHY_CATEGORIES, type WhyCategory } from '@rapport/feedback-domain';

export class SurveyQuestionDto {
  @ApiProperty({ example: 'competitors', pattern: '^[A-Za-z0-9_-]{1,40}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  id!: string;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @Length(1, 500)
  text!: string;

  @ApiProperty({ enum: ['text', 'scale', 'choice'] })
  @IsIn(['text', 'scale', 'choice'])
  kind!: 'text' | 'scale' | 'choice';

  @ApiProperty({ type: [String], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  options!: string[];

  @ApiProperty({ description: 'F5: a "how do we compare with competitors" question' })
  @IsBoolean()
  aboutCompetitors!: boolean;
}

export class PilotSurveyVersionDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @Length(1, 500)
  npsQuestion!: string;

  @ApiProperty({ enum: WHY_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(WHY_CATEGORIES, { each: true })
  whyCategories!: WhyCategory[];

  @ApiProperty({ type: [SurveyQuestionDto], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions!: SurveyQuestionDto[];

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10000, description: 'F5: how many customers get the pilot first' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  pilotSampleSize!: number;
}

export class SurveyVersionDto {
  @ApiProperty() readonly version!: number;
  @ApiProperty({ enum: ['released', 'pilot', 'superseded'] }) readonly status!: string;
  @ApiProperty() readonly pilotAnswers!: number;
  @ApiProperty({ type: PilotSurveyVersionDto }) readonly content!: PilotSurveyVersionDto;
}

export class SurveyDefinitionDto {
  @ApiProperty() readonly definitionId!: string;
  @ApiProperty() readonly released!: number;
  @ApiProperty({ type: Number, nullable: true }) readonly pilot!: number | null;
  @ApiProperty({ type: [SurveyVersionDto] }) readonly versions!: SurveyVersionDto[];
}
