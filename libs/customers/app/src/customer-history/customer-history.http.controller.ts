import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor, Channel } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, Roles, type Principal } from '@rapport/platform-nest';
import { customerStreamId, type CustomerEvent } from '@rapport/customers-domain';
import { CustomerCommands } from '../customer-commands';
import { readableCard } from '../http/card-access';
import { CustomerIdPipe } from '../http/customer-id.pipe';

export interface HistoryEntry {
  readonly position: number;
  readonly customerId: string;
  readonly type: string;
  readonly at: string;
  readonly actor: Actor;
  readonly via: Channel;
  readonly reason: string | null;
  readonly data: unknown;
}

@ApiTags('customers: queries')
@Controller('api/v1/customers')
export class CustomerHistoryHttpController {
  constructor(private readonly commands: CustomerCommands) {}

  @Get(':customerId/history')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({
    summary: "The customer's full history in order, with who, when, through what and why; a survivor's includes the records merged into it (C2)",
  })
  @ApiOkResponse({ description: 'events, oldest first' })
  async history(@Param('customerId', CustomerIdPipe) customerId: string, @CurrentPrincipal() principal: Principal): Promise<{ items: HistoryEntry[] }> {
    await readableCard(this.commands.host.readModels, principal, customerId);
    const events = this.commands.host.events;
    const own = await events.readStream<CustomerEvent>(customerStreamId(customerId));
    const state = await this.commands.state(customerId);
    const absorbed = state.status === 'unregistered' ? [] : state.absorbed;
    // A merged record's events up to its freezing are part of the survivor's story (C2: both histories).
    const merged = await Promise.all(absorbed.map((a) => events.readStream<CustomerEvent>(customerStreamId(a.customerId))));
    const all = [...own, ...merged.flat()].sort((a, b) => a.metadata.globalPosition - b.metadata.globalPosition);
    return {
      items: all.map((e) => ({
        position: e.metadata.globalPosition,
        customerId: e.metadata.streamId.slice('customer-'.length),
        type: e.type,
        at: e.metadata.recordedAt,
        actor: e.metadata.actor,
        via: e.metadata.via,
        reason: e.metadata.reason ?? null,
        data: e.data,
      })),
    };
  }
}
