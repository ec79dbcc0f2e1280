import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, hasRole, Roles, type Principal } from '@rapport/platform-nest';
import { IsOptional, IsString, Length } from 'class-validator';
import { ComplaintsQueries } from '../complaints-queries';
import { ComplaintViewDto } from '../http/complaint-view.dto';

export class OwnerQueueQuery {
  @ApiPropertyOptional({ example: 'rep-ana', description: 'Whose queue; a rep sees only her own (default: the caller)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  ownerId?: string;
}

export class OwnerQueueDto {
  @ApiProperty({ type: [ComplaintViewDto], description: 'open complaints she owns, breached first' }) owned!: ComplaintViewDto[];
  @ApiProperty({ type: [ComplaintViewDto], description: 'K2: handed over, but she stays accountable until the customer confirms' }) accountable!: ComplaintViewDto[];
}

@ApiTags('complaints: queries')
@Controller('api/v1/complaints/queue')
export class OwnerQueueHttpController {
  constructor(private readonly queries: ComplaintsQueries) {}

  @Get()
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: "K2, K3: a rep's complaint queue" })
  @ApiOkResponse({ type: OwnerQueueDto })
  @ApiForbiddenResponse({ description: "a rep asked for another rep's queue (problem+json)" })
  queue(@Query() query: OwnerQueueQuery, @CurrentPrincipal() principal: Principal): Promise<OwnerQueueDto> {
    const ownerId = query.ownerId ?? principal.id;
    if (ownerId !== principal.id && !hasRole(principal, 'manager', 'auditor', 'admin')) {
      throw new DomainError('forbidden', 'not-your-queue', 'a rep sees only her own queue', 'K2');
    }
    return this.queries.queue(ownerId) as Promise<OwnerQueueDto>;
  }
}
