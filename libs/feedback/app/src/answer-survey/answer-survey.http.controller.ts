import { Body, Controller, HttpCode, HttpStatus, Inject, Param, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { uuidv7, type Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, Public } from '@rapport/platform-nest';
import type { Request } from 'express';
import { FeedbackCommands } from '../feedback-commands';
import { SurveyIdParam } from '../http/params';
import { AnswerRateLimiter } from './answer-rate-limit';
import { AnswerService } from './answer-service';
import { AnswerAcceptedDto, AnswerSurveyDto } from './answer-survey.dto';

/**
 * The customer answers without an account (F4): the link's token is the only credential, so the route is
 * public (no bearer) and rate-limited per client address.
 */
@ApiTags('feedback: public')
@Controller('api/v1/feedback/surveys')
export class AnswerSurveyHttpController {
  constructor(
    private readonly answers: AnswerService,
    private readonly commands: FeedbackCommands,
    private readonly limiter: AnswerRateLimiter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':surveyId/answers')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'F1, F2, F4: answer a survey with the token from its link (one answer per token)' })
  @ApiOkResponse({ type: AnswerAcceptedDto })
  @ApiBadRequestResponse({ description: 'a field is invalid (score outside 0–10 or not an integer …): problem+json naming it' })
  @ApiForbiddenResponse({ description: 'forged token, or a token issued for another survey or customer' })
  @ApiNotFoundResponse({ description: 'no such survey' })
  @ApiConflictResponse({ description: 'the survey was answered already, or its link expired' })
  @ApiUnprocessableEntityResponse({ description: 'F5: an answer to a question the survey does not ask, or not one of its options' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this client' })
  async answer(@Param() params: SurveyIdParam, @Body() body: AnswerSurveyDto, @Req() request: Request): Promise<AnswerAcceptedDto> {
    this.limiter.take(request.ip ?? 'unknown');
    const now = this.clock.now();
    const commandId = uuidv7(now.getTime());
    const outcome = await this.answers.answer(
      params.surveyId,
      { token: body.token, score: body.score, comment: body.comment ?? null, categories: body.categories ?? [], answers: body.answers ?? {} },
      'link',
      { commandId, actor: { id: `customer-link/${params.surveyId}`, kind: 'user', roles: [] }, now, correlationId: commandId, causationId: commandId, via: 'api' },
    );
    await this.commands.settled(outcome.position);
    return { surveyId: outcome.surveyId, category: outcome.category, loopOpened: outcome.loopOpened };
  }
}
