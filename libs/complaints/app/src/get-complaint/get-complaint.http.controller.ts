import { Controller, Get, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, hasRole, Roles, type Principal } from '@rapport/platform-nest';
import { ComplaintsQueries } from '../complaints-queries';
import { ComplaintIdPipe } from '../http/complaint-id.pipe';
import { ComplaintViewDto } from '../http/complaint-view.dto';

@ApiTags('complaints: queries')
@Controller('api/v1/complaints')
export class GetComplaintHttpController {
  constructor(private readonly queries: ComplaintsQueries) {}

  @Get(':complaintId')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'K3, K4: one complaint with every deadline; a rep sees those she owns or stays accountable for' })
  @ApiOkResponse({ type: ComplaintViewDto })
  @ApiForbiddenResponse({ description: 'K2: a rep who neither owns it nor is accountable for it' })
  @ApiNotFoundResponse({ description: 'no such complaint' })
  async get(@Param('complaintId', ComplaintIdPipe) complaintId: string, @CurrentPrincipal() principal: Principal): Promise<ComplaintViewDto> {
    const view = await this.queries.complaint(complaintId);
    if (!view) throw new DomainError('not_found', 'complaint-not-found', 'no such complaint', 'K1');
    if (view.ownerId !== principal.id && view.accountableId !== principal.id && !hasRole(principal, 'manager', 'auditor', 'admin')) {
      throw new DomainError('forbidden', 'not-your-complaint', 'a rep sees the complaints she owns or is accountable for', 'K2');
    }
    return view as ComplaintViewDto;
  }
}
