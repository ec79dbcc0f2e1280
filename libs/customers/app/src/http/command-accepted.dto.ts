import { applyDecorators, HttpCode, HttpStatus } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { Roles } from '@rapport/platform-nest';
import type { CommandContext, RecordedEvent } from '@rapport/platform-eventsourcing';
import type { CustomerCommandBody } from '@rapport/customers-domain';
import type { CustomerCommands } from '../customer-commands';

/** What every customer command answers: which events it recorded, so a client sees e.g. a tier change at once. */
export class CommandAcceptedDto {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ description: 'Global position of the last event written; 0 when the command changed nothing' }) position!: number;
  @ApiProperty({ type: [String], example: ['customers.purchase-recorded.v1', 'customers.tier-changed.v1'] }) events!: string[];
}

export const acceptedOf = (customerId: string, events: readonly RecordedEvent[]): CommandAcceptedDto => ({
  customerId,
  position: events.at(-1)?.metadata.globalPosition ?? 0,
  events: events.map((e) => e.type),
});

/** Runs one command on one customer stream and answers once the card reflects it (read-your-writes). */
export async function runCommand(
  commands: CustomerCommands,
  customerId: string,
  body: CustomerCommandBody,
  context: CommandContext,
): Promise<CommandAcceptedDto> {
  const result = await commands.execute(customerId, body, context);
  const accepted = acceptedOf(customerId, result.events);
  await commands.settled(accepted.position);
  return accepted;
}

/**
 * The contract of a command on a customer that its owner, a collaborator or a manager may send (C3): who may
 * call it, and its documented answers — 200 with the recorded events, 403, 404.
 */
export const CustomerWorkCommand = (): MethodDecorator =>
  applyDecorators(
    HttpCode(HttpStatus.OK),
    Roles('rep', 'manager', 'admin'),
    ApiOkResponse({ type: CommandAcceptedDto }),
    ApiForbiddenResponse({ description: 'C3: not the owner, a collaborator or a manager' }),
    ApiNotFoundResponse({ description: 'no such customer' }),
  );
