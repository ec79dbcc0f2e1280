import { applyDecorators, HttpCode, HttpStatus } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { CommandContext, RecordedEvent } from '@rapport/platform-eventsourcing';
import { Roles } from '@rapport/platform-nest';
import type { ComplaintCommandBody } from '@rapport/complaints-domain';
import type { ComplaintCommands } from '../complaint-commands';

/** What every complaint command answers: the events it recorded (a breach it noticed shows at once). */
export class ComplaintCommandAcceptedDto {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ description: 'Global position of the last event written; 0 when the command changed nothing' }) position!: number;
  @ApiProperty({ type: [String], example: ['complaints.complaint-acknowledged.v1', 'complaints.deadlines-changed.v1'] }) events!: string[];
}

export const acceptedOf = (complaintId: string, events: readonly RecordedEvent[]): ComplaintCommandAcceptedDto => ({
  complaintId,
  position: events.at(-1)?.metadata.globalPosition ?? 0,
  events: events.map((e) => e.type),
});

/** Runs one command on one complaint and answers once the read model reflects it (read-your-writes). */
export async function runCommand(commands: ComplaintCommands, complaintId: string, body: ComplaintCommandBody, context: CommandContext): Promise<ComplaintCommandAcceptedDto> {
  const result = await commands.execute(complaintId, body, context);
  const accepted = acceptedOf(complaintId, result.events);
  await commands.settled(accepted.position);
  return accepted;
}

/** The contract of a command on a complaint: who may call it, and its documented answers. */
export const ComplaintCommand = (who = 'K2: not the owner (nor a manager)'): MethodDecorator =>
  applyDecorators(
    HttpCode(HttpStatus.OK),
    Roles('rep', 'manager', 'admin'),
    ApiOkResponse({ type: ComplaintCommandAcceptedDto }),
    ApiForbiddenResponse({ description: who }),
    ApiNotFoundResponse({ description: 'no such complaint' }),
    ApiConflictResponse({ description: 'K5: the complaint is closed, or not in a state for this command' }),
    ApiUnprocessableEntityResponse({ description: 'a rule refused (problem+json naming it)' }),
  );
