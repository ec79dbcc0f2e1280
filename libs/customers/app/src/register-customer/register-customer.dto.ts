import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class RegisterCustomerDto {
  @ApiPropertyOptional({ description: 'Client-chosen id (UUID); derived from the request when absent', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiProperty({ example: 'Mia Wong' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: '+1 415 555 0100', description: 'Any common notation; stored as E.164 (C1: at most one customer per phone)' })
  @IsOptional()
  @IsString()
  @Matches(/^[+()\d\s.-]{3,32}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({
    example: 'HK',
    description: 'C1: the region (ISO 3166 alpha-2) a phone without a country code is read in; default: the policy\'s (`phone.defaultRegion`, CN)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'region must be an ISO 3166 alpha-2 code' })
  region?: string;

  @ApiPropertyOptional({ example: 'mia@example.com', description: 'Stored trimmed and in lower case' })
  @IsOptional()
  @Transform(trimmed)
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: 'Wong Logistics' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  company?: string;

}

export class CustomerRegisteredDto {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() ownerId!: string;
  @ApiProperty({ description: 'Global position of the registration event' }) position!: number;
}
