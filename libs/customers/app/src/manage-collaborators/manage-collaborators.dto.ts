import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { REASON_MAX, Trim } from '../http/dto-helpers';

export class AddCollaboratorDto {
  @ApiProperty({ example: 'rep-ben', description: 'A rep who helps with the customer; commission stays with the owner (C3)' })
  @Trim()
  @IsString()
  @Length(1, 100)
  collaboratorId!: string;
}

export class RemoveCollaboratorQuery {
  @ApiPropertyOptional({ example: 'project finished' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, REASON_MAX)
  reason?: string;
}
