import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, Roles } from '@rapport/platform-nest';
import { addDays } from '@rapport/customers-domain';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CustomerCommands } from '../customer-commands';
import { pageOf, PageQuery } from '../http/page.query';
import { CUSTOMER_CARDS, type CustomerCard } from '../read-models/customer-card.model';

export class ReclaimableQuery extends PageQuery {
  @ApiPropertyOptional({ default: 0, description: 'Also list customers that become reclaimable within this many days (the warning window is 14)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  withinDays?: number;
}

export interface ReclaimableEntry {
  readonly customerId: string;
  readonly name: string;
  readonly ownerId: string;
  readonly lastOwnerContactAt: string;
  readonly reclaimableAt: string;
  readonly reclaimableNow: boolean;
  readonly stage: string | null;
}

/**
 * C4: derived from the last owner contact and the clock at query time, so the list is right even
 * between sweeps; the sweep is what turns it into events other services see.
 */
@ApiTags('customers: queries')
@Controller('api/v1/customers/reclaimable')
export class ListReclaimableHttpController {
  constructor(
    private readonly commands: CustomerCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'Customers whose owner logged no contact for the policy period (C4), longest neglected first' })
  @ApiOkResponse({ description: 'reclaimable customers' })
  async list(@Query() query: ReclaimableQuery): Promise<{ asOf: string; policyVersion: string; items: ReclaimableEntry[]; total: number }> {
    const now = this.clock.now().toISOString();
    const days = this.commands.policy.reclaim.afterDays;
    const where = { status: 'active', reclaimBasisAt: { lte: addDays(now, -(days - (query.withinDays ?? 0))) } };
    const store = this.commands.host.readModels;
    const [cards, total] = await Promise.all([
      store.find<CustomerCard>(CUSTOMER_CARDS, { where, orderBy: [{ field: 'reclaimBasisAt' }], ...pageOf(query) }),
      store.count(CUSTOMER_CARDS, { where }),
    ]);
    const items = cards.map((c) => {
      const reclaimableAt = addDays(c.reclaimBasisAt, days);
      return { customerId: c.id, name: c.name, ownerId: c.ownerId, lastOwnerContactAt: c.reclaimBasisAt, reclaimableAt, reclaimableNow: reclaimableAt <= now, stage: c.stage };
    });
    return { asOf: now, policyVersion: this.commands.policy.version, items, total };
  }
}
