import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FieldCondition } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, Roles, type Principal } from '@rapport/platform-nest';
import { CustomerCommands } from '../customer-commands';
import { readsAll } from '../http/card-access';
import { pageOf, PageQuery } from '../http/page.query';
import {
  CUSTOMER_CARDS,
  POSSIBLE_DUPLICATES,
  REGISTRATION_REFUSALS,
  type CustomerCard,
  type PossibleDuplicateGroup,
  type RegistrationRefusal,
} from '../read-models/customer-card.model';

/** One record of a possible-duplicate group: enough for a manager to decide whether to merge (C2). */
interface PossibleDuplicate {
  readonly customerId: string;
  readonly name: string;
  readonly company: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly ownerId: string;
  readonly registeredAt: string;
}

@ApiTags('customers: queries')
@Controller('api/v1/customers/duplicates')
export class ListDuplicatesHttpController {
  constructor(private readonly commands: CustomerCommands) {}

  @Get()
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({
    summary: 'Refused registrations (C1), newest first: who tried to register an existing customer, when, and whose it was. Reps see their own attempts.',
  })
  @ApiOkResponse({ description: 'refused attempts' })
  async list(@Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<{ items: RegistrationRefusal[]; total: number }> {
    const where: Record<string, FieldCondition> = readsAll(principal) ? {} : { attemptedBy: principal.id };
    const store = this.commands.host.readModels;
    const [items, total] = await Promise.all([
      store.find<RegistrationRefusal>(REGISTRATION_REFUSALS, { where, orderBy: [{ field: 'attemptedAt', direction: 'desc' }], ...pageOf(query) }),
      store.count(REGISTRATION_REFUSALS, { where }),
    ]);
    return { items, total };
  }

  @Get('possible')
  @Roles('manager', 'auditor', 'admin')
  @ApiOperation({
    summary:
      'Possible duplicates (C1): records with the same name and company but different phone and email, which were not refused. A manager merges them (C2) or leaves namesakes be.',
  })
  @ApiOkResponse({ description: 'groups of two or more records, oldest record first in each' })
  @ApiForbiddenResponse({ description: 'reps and integrators do not see other reps\' customers' })
  async possible(@Query() query: PageQuery): Promise<{ items: { key: string; customers: PossibleDuplicate[] }[]; total: number }> {
    const store = this.commands.host.readModels;
    const where: Record<string, FieldCondition> = { size: { gte: 2 } };
    const [groups, total] = await Promise.all([
      store.find<PossibleDuplicateGroup>(POSSIBLE_DUPLICATES, { where, orderBy: [{ field: 'id' }], ...pageOf(query) }),
      store.count(POSSIBLE_DUPLICATES, { where }),
    ]);
    const cards = await store.find<CustomerCard>(CUSTOMER_CARDS, { where: { id: { in: groups.flatMap((g) => g.customerIds) } } });
    const byId = new Map(cards.map((c) => [c.id, c]));
    const items = groups.map((g) => ({
      key: g.id,
      customers: g.customerIds
        .flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []))
        .sort((a, b) => a.registeredAt.localeCompare(b.registeredAt))
        .map((c) => ({ customerId: c.id, name: c.name, company: c.company, phone: c.phone, email: c.email, ownerId: c.ownerId, registeredAt: c.registeredAt })),
    }));
    return { items, total };
  }
}
