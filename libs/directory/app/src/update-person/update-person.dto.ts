import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import type { PersonRole } from '@rapport/directory-domain';
import { DirectoryId, PersonRoles, Trim } from '../http/directory-dto.helpers';

/** Only the fields sent change; `null` clears a team, a manager or an e-mail address. */
export class UpdatePersonDto {
  @ApiPropertyOptional({ example: 'Ana Alves' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'ana@example.com', nullable: true })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsEmail()
  email?: string | null;

  @PersonRoles(true)
  roles?: PersonRole[];

  @ValidateIf((_o, v) => v !== null)
  @DirectoryId('The team (D1: a defined team); null for none', true)
  teamId?: string | null;

  @ValidateIf((_o, v) => v !== null)
  @DirectoryId('The manager (D1: an active person); null for none', true)
  managerId?: string | null;
}
