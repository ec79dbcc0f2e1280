import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { GRADES, type Grade } from '@rapport/customers-domain';
import { REASON_MAX, Trim } from '../http/dto-helpers';

export class SetGradeDto {
  @ApiProperty({
    enum: GRADES,
    description: 'A ready to buy now; B will buy, not yet; C blocked by an external constraint; D finances unstable; E needs education; F unlikely within a year',
  })
  @IsIn(GRADES)
  grade!: Grade;

  @ApiProperty({ example: 'asked for a quote for 40 seats', description: 'Why (C7: a grade is always set with a reason)' })
  @Trim()
  @IsString()
  @Length(1, REASON_MAX)
  reason!: string;
}
