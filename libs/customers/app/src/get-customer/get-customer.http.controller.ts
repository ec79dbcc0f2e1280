import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, CurrentPrincipal, Roles, type Principal } from '@rapport/platform-nest';
import type { CardField, CustomerPolicy } from '@rapport/customers-domain';
import { CustomerCommands } from '../customer-commands';
import { CUSTOMER_POLICY } from '../customers.tokens';
import { readableCard } from '../http/card-access';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import type { CustomerCard } from '../read-models/customer-card.model';
import { staleFields } from './stale-fields';

export type CustomerCardView = CustomerCard & { readonly staleFields: readonly CardField[]; readonly asOf: string };

@ApiTags('customers')
@Controller('api/v1/customers')
export class GetCustomerHttpController {
  constructor(
    private readonly commands: CustomerCommands,
    @Inject(CUSTOMER_POLICY) private readonly policy: CustomerPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':customerId')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'The customer card (C9) with stale fields; reps see customers they own or collaborate on' })
  @ApiOkResponse({ description: 'the customer card' })
  @ApiForbiddenResponse({ description: 'C3: another rep\'s customer (problem+json)' })
  @ApiNotFoundResponse({ description: 'no such customer (problem+json)' })
  async get(@Param('customerId', CustomerIdPipe) customerId: string, @CurrentPrincipal() principal: Principal): Promise<CustomerCardView> {
    const card = await readableCard(this.commands.host.readModels, principal, customerId);
    const now = this.clock.now();
    return { ...card, staleFields: staleFields(card, now, this.policy), asOf: now.toISOString() };
  }
}
