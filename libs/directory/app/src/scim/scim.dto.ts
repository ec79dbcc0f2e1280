import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { Allow, ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { DirectoryId } from '../http/directory-dto.helpers';
import { SCIM } from './scim.schemas';

/** Identity providers send booleans as strings at times ("False" from Entra ID). */
const BooleanLike = (): PropertyDecorator => Transform(({ value }) => (typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value));

export class ScimNameDto {
  @IsOptional() @IsString() @Length(0, 200) formatted?: string;
  @IsOptional() @IsString() @Length(0, 100) givenName?: string;
  @IsOptional() @IsString() @Length(0, 100) familyName?: string;
  @IsOptional() @IsString() @Length(0, 100) middleName?: string;
  @IsOptional() @IsString() @Length(0, 50) honorificPrefix?: string;
  @IsOptional() @IsString() @Length(0, 50) honorificSuffix?: string;
}

export class ScimMultiValueDto {
  @IsString() @Length(1, 320) value!: string;
  @IsOptional() @IsString() type?: string;
  @IsOptional() @BooleanLike() @IsBoolean() primary?: boolean;
  @IsOptional() @IsString() display?: string;
  @IsOptional() @IsString() $ref?: string;
}

export class ScimEnterpriseDto {
  @IsOptional() @IsObject() manager?: { value?: string; displayName?: string };
  @IsOptional() @IsString() department?: string;
  @IsOptional() @IsString() employeeNumber?: string;
  @IsOptional() @IsString() organization?: string;
  @IsOptional() @IsString() division?: string;
  @IsOptional() @IsString() costCenter?: string;
}

/** RFC 7643 §4.1 User, as far as the directory keeps it; common attributes it does not keep are accepted and ignored. */
export class ScimUserDto {
  @ApiProperty({ example: [SCIM.user] }) @IsArray() @IsString({ each: true }) schemas!: string[];
  @DirectoryId('The person id: the sign-in name (token subject)') userName!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) externalId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) displayName?: string;
  @ApiPropertyOptional({ type: ScimNameDto }) @IsOptional() @ValidateNested() @Type(() => ScimNameDto) name?: ScimNameDto;
  @ApiPropertyOptional() @IsOptional() @BooleanLike() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ type: [ScimMultiValueDto] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ScimMultiValueDto) emails?: ScimMultiValueDto[];
  @ApiPropertyOptional({ type: [ScimMultiValueDto], description: 'Rapport roles: rep, manager, auditor, integrator, admin' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ScimMultiValueDto)
  roles?: ScimMultiValueDto[];
  @ApiPropertyOptional({ type: ScimEnterpriseDto, name: SCIM.enterprise })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScimEnterpriseDto)
  [SCIM.enterprise]?: ScimEnterpriseDto;
  // Kept by identity providers, not by the directory: accepted, not stored.
  @Allow() id?: unknown;
  @Allow() meta?: unknown;
  @Allow() nickName?: unknown;
  @Allow() profileUrl?: unknown;
  @Allow() title?: unknown;
  @Allow() userType?: unknown;
  @Allow() preferredLanguage?: unknown;
  @Allow() locale?: unknown;
  @Allow() timezone?: unknown;
  @Allow() phoneNumbers?: unknown;
  @Allow() addresses?: unknown;
  @Allow() groups?: unknown;
  @Allow() password?: unknown;
}

export class ScimGroupDto {
  @ApiProperty({ example: [SCIM.group] }) @IsArray() @IsString({ each: true }) schemas!: string[];
  @ApiProperty({ example: 'Sales East' }) @IsString() @Length(1, 200) displayName!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) externalId?: string;
  @ApiPropertyOptional({ type: [ScimMultiValueDto] }) @IsOptional() @IsArray() @ArrayMaxSize(10_000) @ValidateNested({ each: true }) @Type(() => ScimMultiValueDto) members?: ScimMultiValueDto[];
  @Allow() id?: unknown;
  @Allow() meta?: unknown;
}

export class ScimPatchOperationDto {
  @ApiProperty({ enum: ['add', 'remove', 'replace'] })
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(['add', 'remove', 'replace'])
  op!: 'add' | 'remove' | 'replace';

  @ApiPropertyOptional({ example: 'active' }) @IsOptional() @IsString() @Length(1, 300) path?: string;
  /** Any JSON: its shape depends on the path, and is checked there. */
  @ApiPropertyOptional() @Allow() value?: unknown;
}

export class ScimPatchDto {
  @ApiProperty({ example: [SCIM.patch] }) @IsArray() @IsString({ each: true }) schemas!: string[];
  @ApiProperty({ type: [ScimPatchOperationDto] })
  @IsArray()
  @ArrayMaxSize(1_000)
  @ValidateNested({ each: true })
  @Type(() => ScimPatchOperationDto)
  Operations!: ScimPatchOperationDto[];
}

/** RFC 7644 §3.4.2: filter and paging; attribute selection is accepted and not applied (the full resource is returned). */
export class ScimListQuery {
  @ApiPropertyOptional({ example: 'userName eq "rep-ana"' }) @IsOptional() @IsString() @Length(0, 500) filter?: string;
  @ApiPropertyOptional({ default: 1, minimum: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) startIndex?: number;
  @ApiPropertyOptional({ default: 100, minimum: 0, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(500) count?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() attributes?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() excludedAttributes?: string;
}
