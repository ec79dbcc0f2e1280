import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { nameBasedUuid } from '@rapport/platform-eventsourcing';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { CustomerIdParam } from '../http/params';
import { FeedbackCommands } from '../feedback-commands';
import { RequestSurveyDto, SurveyRequestedDto } from './request-survey.dto';
import { SurveyRequests } from './survey-requests';

@ApiTags('feedback')
@Controller('api/v1/feedback/customers')
export class RequestSurveyHttpController {
  constructor(
    private readonly requests: SurveyRequests,
    private readonly commands: FeedbackCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':customerId/surveys')
  @HttpCode(HttpStatus.OK)
  @Roles('rep', 'manager', 'admin', 'integrator')
  @ApiOperation({ summary: 'F4: ask a customer for feedback by hand; sent, or dropped as throttled (one survey per 90 days across channels)' })
  @ApiOkResponse({ type: SurveyRequestedDto })
  @ApiBadRequestResponse({ description: 'invalid input (problem+json naming the field)' })
  @ApiForbiddenResponse({ description: 'the caller may not ask for surveys' })
  async request(@Param() params: CustomerIdParam, @Body() body: RequestSurveyDto, @Req() request: Request): Promise<SurveyRequestedDto> {
    const context = this.contexts.fromRequest(request);
    const outcome = await this.requests.request(
      { surveyId: nameBasedUuid(`survey/${context.commandId}`), customerId: params.customerId, trigger: 'manual', triggerRef: null, channel: body.channel ?? 'email' },
      context,
    );
    await this.commands.settled(outcome.position);
    return outcome;
  }
}
