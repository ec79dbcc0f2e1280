import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, registerDecorator, type ValidationOptions } from 'class-validator';
import { WHY_CATEGORIES, type WhyCategory } from '@rapport/feedback-domain';

/** Optional answers: at most 20 question ids (1–40 characters) to texts of at most 2,000 characters. */
export function IsAnswerMap(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAnswerMap',
      target: target.constructor,
      propertyName: propertyName as string,
      ...(options ? { options } : {}),
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 20 &&
          Object.entries(value).every(([k, v]) => k.length >= 1 && k.length <= 40 && typeof v === 'string' && v.length <= 2_000),
        defaultMessage: () => 'answers must map up to 20 question ids (1-40 characters) to texts of at most 2000 characters',
      },
    });
}

export class AnswerSurveyDto {
  @ApiProperty({ description: 'The token from the answer link (survey-sent); no other credential is accepted', minLength: 10, maxLength: 1000 })
  @IsString()
  @Length(10, 1_000)
  token!: string;

  @ApiProperty({ minimum: 0, maximum: 10, type: 'integer', description: 'F1: how likely are you to recommend us (0–10)?' })
  @IsInt()
  @Min(0)
  @Max(10)
  score!: number;

  @ApiPropertyOptional({ maxLength: 4000, description: 'F2: why (kept as personal data)' })
  @IsOptional()
  @IsString()
  @Length(0, 4_000)
  comment?: string;

  @ApiPropertyOptional({ enum: WHY_CATEGORIES, isArray: true, description: 'F2: product performance, price, service' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(WHY_CATEGORIES, { each: true })
  categories?: WhyCategory[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', maxLength: 2000 }, maxProperties: 20, description: 'Optional questions by id (F5: how we compare with competitors)' })
  @IsOptional()
  @IsAnswerMap()
  answers?: Record<string, string>;
}

export class AnswerAcceptedDto {
  @ApiProperty() readonly surveyId!: string;
  @ApiProperty({ enum: ['promoter', 'passive', 'detractor'] }) readonly category!: string;
  @ApiProperty({ description: 'F3: a detractor answer opened a follow-up' }) readonly loopOpened!: boolean;
}
