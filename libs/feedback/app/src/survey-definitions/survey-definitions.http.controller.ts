import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CommandContexts, CurrentPrincipal, hasRole, Roles, type Principal } from '@rapport/platform-nest';
import type { Request } from 'express';
import { DefinitionIdParam, DefinitionVersionParam } from '../http/params';
import { FeedbackQueries } from '../queries/feedback-queries';
import { PilotSurveyVersionDto, SurveyDefinitionDto } from './survey-definition.dto';
import { SurveyDefinitions } from './survey-definitions';

@ApiTags('feedback: survey definitions')
@Controller('api/v1/feedback/survey-definitions')
export class SurveyDefinitionsHttpController {
  constructor(
    private readonly definitions: SurveyDefinitions,
    private readonly queries: FeedbackQueries,
    private readonly contexts: CommandContexts,
  ) {}

  @Get(':definitionId')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'F5: the versions of a questionnaire, which is released, which is in pilot and how many pilot answers came back' })
  @ApiOkResponse({ type: SurveyDefinitionDto })
  @ApiBadRequestResponse({ description: 'invalid id' })
  @ApiForbiddenResponse({ description: 'not allowed' })
  get(@Param() params: DefinitionIdParam): Promise<SurveyDefinitionDto> {
    return this.definitions.view(params.definitionId) as Promise<SurveyDefinitionDto>;
  }

  @Post(':definitionId/versions')
  @HttpCode(HttpStatus.OK)
  @Roles('manager', 'admin')
  @ApiOperation({ summary: 'F5: a new questionnaire version, piloted on a small sample first' })
  @ApiOkResponse({ type: SurveyDefinitionDto })
  @ApiBadRequestResponse({ description: 'invalid content (problem+json naming the field)' })
  @ApiForbiddenResponse({ description: 'managers only' })
  @ApiUnprocessableEntityResponse({ description: 'question ids repeat' })
  async pilot(@Param() params: DefinitionIdParam, @Body() body: PilotSurveyVersionDto, @Req() request: Request, @CurrentPrincipal() principal: Principal): Promise<SurveyDefinitionDto> {
    const context = this.contexts.fromRequest(request);
    await this.definitions.execute(
      {
        type: 'pilot-survey-version',
        definitionId: params.definitionId,
        content: { npsQuestion: body.npsQuestion, whyCategories: body.whyCategories, questions: body.questions.map((q) => ({ ...q })), pilotSampleSize: body.pilotSampleSize },
        by: principal.id,
        now: context.now,
      },
      context,
    );
    return this.definitions.view(params.definitionId) as Promise<SurveyDefinitionDto>;
  }

  @Post(':definitionId/versions/:version/release')
  @HttpCode(HttpStatus.OK)
  @Roles('manager', 'admin')
  @ApiOperation({ summary: 'F5: a manager releases the piloted version to all, after looking at its answers' })
  @ApiOkResponse({ type: SurveyDefinitionDto })
  @ApiBadRequestResponse({ description: 'invalid id or version' })
  @ApiForbiddenResponse({ description: 'managers only' })
  @ApiConflictResponse({ description: 'that version is not in pilot' })
  @ApiUnprocessableEntityResponse({ description: 'no pilot answer came back yet' })
  async release(@Param() params: DefinitionVersionParam, @Req() request: Request, @CurrentPrincipal() principal: Principal): Promise<SurveyDefinitionDto> {
    const context = this.contexts.fromRequest(request);
    const pilotAnswers = await this.queries.pilotAnswers(params.definitionId, params.version);
    await this.definitions.execute(
      {
        type: 'release-survey-version',
        definitionId: params.definitionId,
        version: params.version,
        pilotAnswersReviewed: pilotAnswers,
        by: principal.id,
        byManager: hasRole(principal, 'manager'),
        now: context.now,
      },
      context,
    );
    return this.definitions.view(params.definitionId) as Promise<SurveyDefinitionDto>;
  }
}
