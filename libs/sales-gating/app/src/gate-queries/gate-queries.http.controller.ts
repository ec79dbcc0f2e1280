import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, Roles, type Principal } from '@rapport/platform-nest';
import { pressureCounts } from '@rapport/sales-gating-domain';
import { ID_PATTERN, requireAccess, seesEveryone } from '../http/gate-access';
import { GatingIdPipe } from '../http/gating-id.pipe';
import type { GateDoc } from '../read-models/gates.projection';
import { SalesGatingQueries } from '../sales-gating-queries';
import { GateDto, GateListDto, GateMapDto, LedgerDto, ListQuery } from './gate-queries.dto';

const listOf = (docs: readonly GateDoc[]): GateListDto => ({
  items: docs.flatMap((d) => (d.decision ? [{ customerId: d.id, ownerId: d.ownerId, decision: { ...d.decision, reasons: d.decision.reasons.map((r) => ({ ...r, eventIds: [...r.eventIds] })) } }] : [])),
});

@ApiTags('sales gating: queries')
@Controller('api/v1/sales-gating')
export class GateQueriesHttpController {
  constructor(private readonly queries: SalesGatingQueries) {}

  @Get('customers/:customerId/gate')
  @Roles('rep', 'manager', 'auditor', 'integrator', 'admin')
  @ApiParam({ name: 'customerId', schema: { type: 'string', pattern: ID_PATTERN.source } })
  @ApiOperation({ summary: 'G1–G4, G7: the gate of one customer, its reasons with their event ids, policy version and earliest change' })
  @ApiOkResponse({ type: GateDto })
  @ApiForbiddenResponse({ description: "G6: a rep asked for another rep's customer" })
  @ApiNotFoundResponse({ description: 'gating knows no such customer' })
  async gate(@Param('customerId', GatingIdPipe) customerId: string, @CurrentPrincipal() principal: Principal): Promise<GateDto> {
    const state = requireAccess(principal, customerId, await this.queries.gate(customerId));
    return {
      customerId,
      ownerId: state.ownerId,
      collaboratorIds: [...state.collaboratorIds],
      decision: state.decision ? { ...state.decision, reasons: state.decision.reasons.map((r) => ({ ...r, eventIds: [...r.eventIds] })) } : null,
      latestNps: state.latestNps?.score ?? null,
      share: state.share?.value ?? null,
      openComplaints: Object.keys(state.openComplaints),
      counts: pressureCounts(state, this.queries.now()),
    };
  }

  @Get('customers/:customerId/ledger')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiParam({ name: 'customerId', schema: { type: 'string', pattern: ID_PATTERN.source } })
  @ApiOperation({ summary: 'G5, G9: the contact-pressure ledger of one customer (sales attempts, contacts, surveys, service replies) with counts and quotes' })
  @ApiOkResponse({ type: LedgerDto })
  @ApiForbiddenResponse({ description: "G6: a rep asked for another rep's customer" })
  @ApiNotFoundResponse({ description: 'gating knows no such customer' })
  async ledger(@Param('customerId', GatingIdPipe) customerId: string, @CurrentPrincipal() principal: Principal): Promise<LedgerDto> {
    const state = requireAccess(principal, customerId, await this.queries.gate(customerId));
    const ledger = this.queries.ledger(state);
    return { customerId, counts: ledger.counts, entries: [...ledger.entries], lastQuotes: ledger.quotes, quotes: [...ledger.allQuotes] };
  }

  @Get('targets')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'G3: the TARGET list of a rep (high NPS, low share: sell here first), owned customers' })
  @ApiOkResponse({ type: GateListDto })
  @ApiForbiddenResponse({ description: "a rep asked for another rep's list" })
  async targets(@Query() query: ListQuery, @CurrentPrincipal() principal: Principal): Promise<GateListDto> {
    const ownerId = this.ownerOf(query, principal);
    return listOf(await this.queries.targets(ownerId, query.limit));
  }

  @Get('holds')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'G1–G4: customers on HOLD or FIX_FIRST with their reasons (a rep: their own; a manager: all, or one owner)' })
  @ApiOkResponse({ type: GateListDto })
  @ApiForbiddenResponse({ description: "a rep asked for another rep's list" })
  async holds(@Query() query: ListQuery, @CurrentPrincipal() principal: Principal): Promise<GateListDto> {
    const ownerId = seesEveryone(principal) ? query.ownerId : this.ownerOf(query, principal);
    return listOf(await this.queries.holds(ownerId, query.limit));
  }

  @Get('map')
  @Roles('manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'G3: the NPS × share-of-wallet map: customers per gate status and per NPS band × share band' })
  @ApiOkResponse({ type: GateMapDto })
  map(): Promise<GateMapDto> {
    return this.queries.map() as Promise<GateMapDto>;
  }

  private ownerOf(query: ListQuery, principal: Principal): string {
    const ownerId = query.ownerId ?? principal.id;
    if (ownerId !== principal.id && !seesEveryone(principal)) throw new DomainError('forbidden', 'not-your-customers', 'a rep sees only their own lists', 'G6');
    return ownerId;
  }
}
