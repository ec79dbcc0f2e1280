import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';

/** Ids in paths: plain tokens, so odd input is a 400 naming the field, never a 5xx. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export class CustomerIdParam {
  @ApiProperty({ example: 'c-1', pattern: ID.source, minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Matches(ID)
  customerId!: string;
}

export class SurveyIdParam {
  @ApiProperty({ example: '0190e0c2-7c55-5a2a-8d1c-1f0a1b2c3d4e', pattern: ID.source, minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Matches(ID)
  surveyId!: string;
}

export class LoopIdParam {
  @ApiProperty({ example: 'loop-0190e0c2-7c55-5a2a-8d1c-1f0a1b2c3d4e', pattern: ID.source, minLength: 1, maxLength: 110 })
  @IsString()
  @Length(1, 110)
  @Matches(ID)
  loopId!: string;
}

export class DefinitionIdParam {
  @ApiProperty({ example: 'nps', pattern: ID.source, minLength: 1, maxLength: 60 })
  @IsString()
  @Length(1, 60)
  @Matches(ID)
  definitionId!: string;
}

export class DefinitionVersionParam extends DefinitionIdParam {
  @ApiProperty({ type: 'integer', example: 1, minimum: 1, maximum: 100000 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  version!: number;
}
