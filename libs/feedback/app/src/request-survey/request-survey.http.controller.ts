import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, nameBasedUuid, notFound } from '@rapport/platform-eventsourcing';
import { CommandContexts, CurrentPrincipal, hasRole, Roles, type Principal } from '@rapport/platform-nest';
import type { Request } from 'express';
import { CustomerIdParam } from '../http/params';
import { FeedbackCommands } from '../feedback-commands';
import { FeedbackQueries } from '../queries/feedback-queries';
import { RequestSurveyDto, SurveyRequestedDto } from './request-survey.dto';
import { SurveyRequests } from './survey-requests';

@ApiTags('feedback')
@Controller('api/v1/feedback/customers')
export class RequestSurveyHttpController {
  constructor(
    private readonly requests: SurveyRequests,
    private readonly commands: FeedbackCommands,
    private readonly queries: FeedbackQueries,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':customerId/surveys')
  @HttpCode(HttpStatus.OK)
  @Roles('rep', 'manager', 'admin', 'integrator')
  @ApiOperation({ summary: 'F4: ask a customer for feedback by hand; sent, or dropped as throttled (one survey per 90 days across channels)' })
  @ApiOkResponse({ type: SurveyRequestedDto })
  @ApiBadRequestResponse({ description: 'invalid input (problem+json naming the field)' })
  @ApiForbiddenResponse({ description: "C3: a rep asks only their own customers" })
  @ApiNotFoundResponse({ description: 'feedback has not heard of this customer on the customers topic' })
  @ApiConflictResponse({ description: 'C2: the customer was merged into another' })
  async request(@Param() params: CustomerIdParam, @Body() body: RequestSurveyDto, @Req() request: Request, @CurrentPrincipal() principal: Principal): Promise<SurveyRequestedDto> {
    const customer = await this.queries.customer(params.customerId);
    if (!customer?.ownerId) throw notFound('customer', params.customerId);
    if (customer.mergedInto) throw new DomainError('conflict', 'customer-merged', `customer ${params.customerId} was merged into ${customer.mergedInto}`, 'C2', { survivorId: customer.mergedInto });
    if (customer.ownerId !== principal.id && !hasRole(principal, 'manager', 'admin', 'integrator')) {
      throw new DomainError('forbidden', 'not-owner', "a rep asks only their own customers for feedback; a manager asks anyone's", 'C3');
    }
    const context = this.contexts.fromRequest(request);
    const outcome = await this.requests.request(
      { surveyId: nameBasedUuid(`survey/${context.commandId}`), customerId: params.customerId, trigger: 'manual', triggerRef: null, channel: body.channel ?? 'email' },
      context,
    );
    await this.commands.settled(outcome.position);
    return outcome;
  }
}
