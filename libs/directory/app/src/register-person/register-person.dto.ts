import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length } from 'class-validator';
import type { PersonRole } from '@rapport/directory-domain';
import { DirectoryId, PersonRoles, Trim } from '../http/directory-dto.helpers';

export class RegisterPersonDto {
  @DirectoryId('How the person signs in: the token subject; customers name owners by it')
  personId!: string;

  @ApiProperty({ example: 'Ana Alves' })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'ana@example.com' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @PersonRoles()
  roles!: PersonRole[];

  @DirectoryId('The team (D1: a defined team)', true)
  teamId?: string;

  @DirectoryId('The manager (D1: an active person); escalations go there', true)
  managerId?: string;
}
