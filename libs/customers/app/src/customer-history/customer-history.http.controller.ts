import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Actor, Channel } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, Roles, type Principal } from '@rapport/platform-nest';
import { customerStreamId, type CustomerEvent } from '@rapport/customers-domain';
import { CustomerCommands } from '../customer-commands';
import { readableCard } from '../http/card-access';
import { CustomerIdPipe } from '../http/customer-id.pipe';

class HistoryActor implements Actor {
  @ApiProperty({ example: 'rep-ana' }) readonly id!: string;
  @ApiProperty({ enum: ['user', 'integrator', 'system', 'timer'], example: 'user' }) readonly kind!: Actor['kind'];
  @ApiPropertyOptional({ type: [String], example: ['rep'] }) readonly roles?: readonly string[];
}

export class HistoryEntry {
  @ApiProperty({ description: 'Global position: the order things happened in', example: 1 }) readonly position!: number;
  @ApiProperty({ format: 'uuid', description: 'The record the event belongs to (a merged record for events before a merge, C2)' }) readonly customerId!: string;
  @ApiProperty({ example: 'customers.customer-registered.v1' }) readonly type!: string;
  @ApiProperty({ format: 'date-time', example: '2026-01-05T09:00:00.000Z' }) readonly at!: string;
  @ApiProperty({ type: HistoryActor }) readonly actor!: Actor;
  @ApiProperty({ enum: ['api', 'topic', 'timer', 'import', 'system'], example: 'api' }) readonly via!: Channel;
  @ApiProperty({ type: String, nullable: true, example: 'budget next quarter' }) readonly reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event as recorded (its type says its shape)', example: { name: 'Mia Wong' } })
  readonly data!: unknown;
}

export class CustomerHistoryDto {
  @ApiProperty({ type: [HistoryEntry] }) readonly items!: HistoryEntry[];
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
  @ApiOkResponse({ type: CustomerHistoryDto, description: 'events, oldest first' })
  async history(@Param('customerId', CustomerIdPipe) customerId: string, @CurrentPrincipal() principal: Principal): Promise<CustomerHistoryDto> {
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
