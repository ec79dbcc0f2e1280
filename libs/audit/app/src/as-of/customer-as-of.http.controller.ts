import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { DomainError, notFound, type Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, Roles } from '@rapport/platform-nest';
import { AuditStores } from '../audit-stores';
import { customerAsOf } from './customer-as-of';
import { AuditAsOfDto, AuditAsOfQuery } from './customer-as-of.dto';

@ApiTags('audit')
@Controller('api/v1/audit')
export class CustomerAsOfHttpController {
  constructor(
    private readonly stores: AuditStores,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('customers/:customerId/as-of')
  @Roles('auditor')
  @ApiOperation({
    summary: 'A3: "was she gated on 3 March, why, and who owned her?" — her card, gate with its reasons, complaints and NPS as they stood at a moment',
    description: "Folded from her recorded events (recordedAt ≤ at) with the services' own evolve functions; each part names the position in its service's store it stands at. Auditors only; the read is recorded (A6).",
  })
  @ApiOkResponse({ type: AuditAsOfDto })
  @ApiBadRequestResponse({ description: '`at` is not an ISO 8601 instant, or the customer id is not a UUID' })
  @ApiForbiddenResponse({ description: 'only auditors ask what stood at a past moment' })
  @ApiNotFoundResponse({ description: 'no service has recorded anything of this customer, at any time' })
  @ApiUnprocessableEntityResponse({ description: '`at` is in the future: nothing stands there yet' })
  async asOf(@Param('customerId', new ParseUUIDPipe()) customerId: string, @Query() query: AuditAsOfQuery): Promise<AuditAsOfDto> {
    const at = new Date(query.at);
    if (at.getTime() > this.clock.now().getTime()) throw new DomainError('rule_violation', 'as-of-in-future', `${query.at} is in the future: nothing stands there yet`, 'A3');
    const answer = await customerAsOf((service) => this.stores.of(service), customerId.toLowerCase(), at);
    const parts = [answer.card, answer.gate, answer.complaints, answer.nps];
    if (parts.every((p) => p.position === 0 && p.nextPosition === null)) throw notFound('customer', customerId);
    return answer as unknown as AuditAsOfDto;
  }
}
