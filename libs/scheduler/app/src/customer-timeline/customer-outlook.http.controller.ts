import { Controller, Get, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, hasRole, Roles, type Principal } from '@rapport/platform-nest';
import { IsString, Length } from 'class-validator';
import { SchedulerQueries } from '../scheduler-queries';

class OutlookFollowUpDto {
  @ApiProperty({ type: String, nullable: true }) readonly ownerId!: string | null;
  @ApiProperty({ format: 'date-time' }) readonly dueAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly openSince!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly cadence!: string | null;
}

class UpcomingDto {
  @ApiProperty({ example: 'customers.review.c-1' }) readonly timerId!: string;
  @ApiProperty({ format: 'date-time' }) readonly dueAt!: string;
  @ApiProperty({ example: 'scheduler' }) readonly ownerService!: string;
  @ApiProperty({ example: 'rapport.customers.review-due.v1' }) readonly delivers!: string;
}

export class CustomerOutlookDto {
  @ApiProperty() readonly customerId!: string;
  @ApiProperty({ format: 'date-time' }) readonly asOf!: string;
  @ApiProperty({ type: OutlookFollowUpDto, nullable: true }) readonly followUp!: OutlookFollowUpDto | null;
  @ApiProperty({ type: [UpcomingDto] }) readonly upcoming!: UpcomingDto[];
}

export class CustomerParams {
  @ApiProperty({ example: '0190f3a2-6c1e-7d4b-9a2e-3f1c5b7d9e11' })
  @IsString()
  @Length(1, 100)
  customerId!: string;
}

@ApiTags('scheduler')
@Controller('api/v1/scheduler/customers')
export class CustomerOutlookHttpController {
  constructor(private readonly queries: SchedulerQueries) {}

  @Get(':customerId')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'What will happen to a customer and when: next follow-up (S1), reviews (C4, C6), other timers (S2); a rep sees their own customers' })
  @ApiOkResponse({ type: CustomerOutlookDto })
  @ApiForbiddenResponse({ description: "a rep asked about another rep's customer (problem+json)" })
  async outlook(@Param() params: CustomerParams, @CurrentPrincipal() principal: Principal): Promise<CustomerOutlookDto> {
    const outlook = await this.queries.customerOutlook(params.customerId);
    if (!hasRole(principal, 'manager', 'auditor', 'admin') && outlook.followUp?.ownerId !== principal.id) {
      throw new DomainError('forbidden', 'not-your-customer', `customer ${params.customerId} belongs to another rep`, 'C3');
    }
    return outlook as CustomerOutlookDto;
  }
}
