import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { Trim } from '../http/directory-dto.helpers';

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class OpeningIntervalDto {
  @ApiProperty({ example: '09:00' })
  @Matches(TIME, { message: '$property must be HH:MM' })
  from!: string;

  @ApiProperty({ example: '17:00', description: '24:00 for midnight at the end of the day' })
  @Matches(TIME, { message: '$property must be HH:MM' })
  to!: string;
}

const Day = (): PropertyDecorator => (target, key) => {
  ApiPropertyOptional({ type: [OpeningIntervalDto], description: 'Opening intervals, local time; none or [] = closed' })(target, key);
  IsOptional()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(8)(target, key);
  ValidateNested({ each: true })(target, key);
  Type(() => OpeningIntervalDto)(target, key);
};

export class WeeklyHoursDto {
  @Day() mon?: OpeningIntervalDto[];
  @Day() tue?: OpeningIntervalDto[];
  @Day() wed?: OpeningIntervalDto[];
  @Day() thu?: OpeningIntervalDto[];
  @Day() fri?: OpeningIntervalDto[];
  @Day() sat?: OpeningIntervalDto[];
  @Day() sun?: OpeningIntervalDto[];
}

export class DefineTeamDto {
  @ApiProperty({ example: 'Sales East' })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: 'IANA time zone; default UTC' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string;

  @ApiPropertyOptional({ type: WeeklyHoursDto, description: 'Business hours per weekday; default open around the clock (D1)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  businessHours?: WeeklyHoursDto;

  @ApiPropertyOptional({ type: [String], example: ['2026-12-25'], description: 'Local dates the team is closed' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(400)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'each holiday must be a date YYYY-MM-DD' })
  holidays?: string[];
}
