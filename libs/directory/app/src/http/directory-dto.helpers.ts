import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PERSON_ROLES } from '@rapport/directory-domain';
import type { RecordedEvent } from '@rapport/platform-eventsourcing';

/** Trims strings so "  " fails a length check instead of being stored. */
export const Trim = (): PropertyDecorator => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Person and team ids: what a token subject or SCIM userName looks like (no spaces, no slashes). */
export const DIRECTORY_ID = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}$/;

export const DirectoryId = (description: string, optional = false): PropertyDecorator =>
  applyDecorators(
    optional ? ApiPropertyOptional({ description, example: 'rep-ana' }) : ApiProperty({ description, example: 'rep-ana' }),
    ...(optional ? [IsOptional()] : []),
    Trim(),
    IsString(),
    Matches(DIRECTORY_ID, { message: '$property must be 1-100 letters, digits or . _ @ + - (starting with a letter or digit)' }),
  );

export const PersonRoles = (optional = false): PropertyDecorator =>
  applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({ enum: PERSON_ROLES, isArray: true, example: ['rep'] }),
    ...(optional ? [IsOptional()] : []),
    IsArray(),
    ArrayMaxSize(PERSON_ROLES.length),
    IsIn(PERSON_ROLES, { each: true }),
  );

export const Reason = (): PropertyDecorator => applyDecorators(ApiProperty({ example: 'left the company' }), Trim(), IsString(), Length(1, 1_000));

/** What every directory command answers: which events it recorded (none when nothing changed). */
export class DirectoryAcceptedDto {
  @ApiProperty({ example: 'rep-ana' }) id!: string;
  @ApiProperty({ description: 'Global position of the last event written; 0 when the command changed nothing' }) position!: number;
  @ApiProperty({ type: [String], example: ['directory.person-deactivated.v1'] }) events!: string[];
}

export const acceptedOf = (id: string, events: readonly RecordedEvent[]): DirectoryAcceptedDto => ({
  id,
  position: events.at(-1)?.metadata.globalPosition ?? 0,
  events: events.map((e) => e.type),
});
