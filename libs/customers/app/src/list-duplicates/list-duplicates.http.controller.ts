import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FieldCondition } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, Roles, type Principal } from '@rapport/platform-nest';
import { CustomerCommands } from '../customer-commands';
import { readsAll } from '../http/card-access';
import { pageOf, PageQuery } from '../http/page.query';
import { REGISTRATION_REFUSALS, type RegistrationRefusal } from '../read-models/customer-card.model';

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
}
