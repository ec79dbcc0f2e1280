import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROOT_CAUSE_KINDS, type RootCauseKind } from '@rapport/complaints-domain';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Text, Trim } from '../http/dto-helpers';

export class RecordRootCauseDto {
  @ApiProperty({ enum: ROOT_CAUSE_KINDS, description: 'K4: specific, systemic, or the customer\'s own doing (then concessions are not owed, K6)' })
  @IsIn(ROOT_CAUSE_KINDS)
  kind!: RootCauseKind;

  @ApiProperty({ example: 'courier-late', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'K7: a short label, the same for the same cause across customers' })
  @Trim()
  @IsString()
  @Length(1, 60)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  code!: string;

  @Text('What happened', 4_000, 'the courier missed the delivery slot twice') detail!: string;

  @ApiPropertyOptional({ example: 'team-logistics', description: 'K4: the team responsible' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  responsibleTeamId?: string;
}
