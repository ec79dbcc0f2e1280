import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, Length, ValidateBy, type ValidationOptions } from 'class-validator';
import { CARD_FIELDS, type CardField } from '@rapport/customers-domain';
import { REASON_MAX, Trim } from '../http/dto-helpers';

/** Every key a card field, every value `survivor` or `merged`. */
const IsFieldWinners = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isFieldWinners',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          Object.entries(value).every(([field, winner]) => (CARD_FIELDS as readonly string[]).includes(field) && (winner === 'survivor' || winner === 'merged')),
        defaultMessage: () => `fieldWinners maps card fields (${CARD_FIELDS.join(', ')}) to "survivor" or "merged"`,
      },
    },
    options,
  );

export class MergeCustomersDto {
  @ApiProperty({ format: 'uuid', description: 'The duplicate record, folded into the customer of the path (the survivor)' })
  @IsUUID()
  mergedCustomerId!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['survivor', 'merged'] },
    example: { name: 'merged', phone: 'survivor' },
    description: 'C2: the winner of each field; required for every field both records fill differently',
  })
  @IsOptional()
  @IsObject()
  @IsFieldWinners()
  fieldWinners?: Partial<Record<CardField, 'survivor' | 'merged'>>;

  @ApiProperty({ example: 'same person: registered twice before C1' })
  @Trim()
  @IsString()
  @Length(1, REASON_MAX)
  reason!: string;
}

export class UnmergeCustomersDto {
  @ApiProperty({ format: 'uuid', description: 'The record merged into the customer of the path, to restore' })
  @IsUUID()
  mergedCustomerId!: string;

  @ApiProperty({ example: 'not the same person after all' })
  @Trim()
  @IsString()
  @Length(1, REASON_MAX)
  reason!: string;
}

export class MergeAcceptedDto {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ format: 'uuid' }) mergeId!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ type: [String] }) events!: string[];
}
