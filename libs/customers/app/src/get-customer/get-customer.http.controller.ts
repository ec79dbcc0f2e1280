import { Controller, ForbiddenException, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { notFound } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, hasRole, Roles, type Principal, type ServiceHost } from '@rapport/platform-nest';
import { CUSTOMER_CARDS, type CustomerCard } from '../customer-card.projection';
import { CUSTOMERS_HOST } from '../customers.tokens';

@ApiTags('customers')
@Controller('api/v1/customers')
export class GetCustomerHttpController {
  constructor(@Inject(CUSTOMERS_HOST) private readonly host: ServiceHost) {}

  /** The customer card. A rep sees only customers they own; managers and auditors see all. */
  @Get(':customerId')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOkResponse({ description: 'the customer card' })
  @ApiNotFoundResponse({ description: 'no such customer (problem+json)' })
  async get(@Param('customerId', new ParseUUIDPipe()) customerId: string, @CurrentPrincipal() principal: Principal): Promise<CustomerCard> {
    const card = await this.host.readModels.get<CustomerCard>(CUSTOMER_CARDS, customerId);
    if (!card) throw notFound('customer', customerId);
    if (!hasRole(principal, 'manager', 'auditor', 'admin') && card.ownerId !== principal.id) {
      throw new ForbiddenException(`customer ${customerId} is owned by another rep (C3)`);
    }
    return card;
  }
}
