import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { CARD_FIELDS, type CardField } from '@rapport/customers-domain';
import { TEXT_MAX, Trim } from '../http/dto-helpers';

/** C9: every field is optional; a field sent as null is cleared. Phone and email go through the C1 registry. */
export class UpdateCardDto {
  @ApiPropertyOptional({ example: 'Mia Wong-Li' })
  @ValidateIf((o: UpdateCardDto) => o.name !== undefined)
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: '+1 415 555 0100', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^[+()\d\s.-]{3,32}$/, { message: 'phone must be a phone number' })
  phone?: string | null;

  @ApiPropertyOptional({ example: 'mia@example.com', nullable: true })
  @IsOptional()
  @Trim()
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Trim() @IsString() @Length(1, 200) company?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Role or job title' }) @IsOptional() @Trim() @IsString() @Length(1, 200) role?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Who pays' }) @IsOptional() @Trim() @IsString() @Length(1, 200) payer?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Who uses' }) @IsOptional() @Trim() @IsString() @Length(1, 500) users?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['Lee Chan (CFO)'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  decisionMakers?: string[];

  @ApiPropertyOptional({ example: '1988-04-12', nullable: true })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'birthday must be a date (YYYY-MM-DD)' })
  birthday?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['sailing', 'jazz'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  interests?: string[];

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Trim() @IsString() @Length(1, TEXT_MAX) familyNotes?: string | null;
  @ApiPropertyOptional({ nullable: true, example: '50-249' }) @IsOptional() @Trim() @IsString() @Length(1, 50) companySize?: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'logistics' }) @IsOptional() @Trim() @IsString() @Length(1, 200) industry?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  keyContacts?: string[];

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Trim() @IsString() @Length(1, TEXT_MAX) needs?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Trim() @IsString() @Length(1, TEXT_MAX) preferences?: string | null;
}

export class ConfirmCardFieldsDto {
  @ApiPropertyOptional({ enum: CARD_FIELDS, isArray: true, description: 'Fields the rep checked are still true (C9: keeps them from going stale)' })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(CARD_FIELDS, { each: true })
  fields!: CardField[];
}
