import { ApiProperty } from '@nestjs/swagger';
import type { HandleResult, RecordedEvent } from '@rapport/platform-eventsourcing';
import type { ServiceHost } from '@rapport/platform-nest';
import type { GateEvent, GateState } from '@rapport/sales-gating-domain';
import { GATES_PROJECTION } from '../read-models/gates.projection';

/** What a gating command answers: the events it recorded, once the gates read model reflects them (read-your-writes). */
export class CommandAnswerDto {
  @ApiProperty() readonly customerId!: string;
  @ApiProperty({ description: 'Global position of the last event written; 0 when nothing changed' }) readonly position!: number;
  @ApiProperty({ type: [String], example: ['sales-gating.sales-attempt-recorded.v1'] }) readonly events!: string[];
}

export async function settledAnswer(host: ServiceHost, customerId: string, result: HandleResult<GateEvent, GateState>): Promise<CommandAnswerDto> {
  const events: readonly RecordedEvent[] = result.events;
  const position = events.at(-1)?.metadata.globalPosition ?? 0;
  if (position > 0) await host.runner(GATES_PROJECTION).waitFor(position);
  return { customerId, position, events: events.map((e) => e.type) };
}
