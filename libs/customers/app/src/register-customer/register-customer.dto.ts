import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export class RegisterCustomerDto {
  @ApiPropertyOptional({ description: 'Client-chosen id (UUID); generated when absent', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiProperty({ example: 'Mia Wong' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: '+1 415 555 0100', description: 'Any common notation; stored as E.164' })
  @IsOptional()
  @IsString()
  @Matches(/^[+()\d\s.-]{3,32}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: 'mia@example.com' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail()
  email?: string;
}

export class CustomerRegisteredDto {
  @ApiProperty() customerId!: string;
  @ApiProperty() ownerId!: string;
  @ApiProperty({ description: 'Global position of the registration event' }) position!: number;
}
