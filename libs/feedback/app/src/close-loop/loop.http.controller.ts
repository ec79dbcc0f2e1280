import { applyDecorators, Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse, ApiConflictResponse } from '@nestjs/swagger';
import { DomainError, notFound, type CommandContext } from '@rapport/platform-eventsourcing';
import { CommandContexts, CurrentPrincipal, hasRole, Roles, type Principal } from '@rapport/platform-nest';
import { missingSteps, type CustomerFeedbackCommand } from '@rapport/feedback-domain';
import type { Request } from 'express';
import { FeedbackCommands } from '../feedback-commands';
import { LoopIdParam } from '../http/params';
import { FeedbackQueries } from '../queries/feedback-queries';
import { loopDetail } from './loop-detail';
import { LoopChangedDto, LoopDetailDto, RecordLoopStepDto } from './loop-step.dto';

const LoopCommand = (summary: string): MethodDecorator =>
  applyDecorators(
    HttpCode(HttpStatus.OK),
    Roles('rep', 'manager', 'admin'),
    ApiOperation({ summary }),
    ApiOkResponse({ type: LoopChangedDto }),
    ApiBadRequestResponse({ description: 'invalid input (problem+json naming the field)' }),
    ApiForbiddenResponse({ description: "F3: only the follow-up's owner or a manager" }),
    ApiNotFoundResponse({ description: 'no such follow-up' }),
    ApiConflictResponse({ description: 'the follow-up is closed' }),
    ApiUnprocessableEntityResponse({ description: 'F3: steps still missing' }),
  );

@ApiTags('feedback: closed loop')
@Controller('api/v1/feedback/loops')
export class LoopHttpController {
  constructor(
    private readonly commands: FeedbackCommands,
    private readonly queries: FeedbackQueries,
    private readonly contexts: CommandContexts,
  ) {}

  @Get(':loopId')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: "F3: a follow-up with the customer's comment and answers and the notes of each step (a personal-data read)" })
  @ApiOkResponse({ type: LoopDetailDto })
  @ApiBadRequestResponse({ description: 'invalid id' })
  @ApiForbiddenResponse({ description: "F3: only the follow-up's owner, a manager or an auditor" })
  @ApiNotFoundResponse({ description: 'no such follow-up' })
  async detail(@Param() params: LoopIdParam, @CurrentPrincipal() principal: Principal): Promise<LoopDetailDto> {
    const doc = await this.queries.loop(params.loopId);
    if (!doc) throw notFound('follow-up', params.loopId);
    if (doc.ownerId !== principal.id && !hasRole(principal, 'manager', 'auditor', 'admin')) {
      throw new DomainError('forbidden', 'not-loop-owner', "only the follow-up's owner or a manager reads it", 'F3');
    }
    return loopDetail(this.commands.host.events, doc);
  }

  @Post(':loopId/steps')
  @LoopCommand('F3: record a step of a detractor follow-up (contact, root cause, fix, customer informed)')
  async step(@Param() params: LoopIdParam, @Body() body: RecordLoopStepDto, @Req() request: Request, @CurrentPrincipal() principal: Principal): Promise<LoopChangedDto> {
    return this.run(params.loopId, principal, this.contexts.fromRequest(request), (customerId, context) => ({
      type: 'record-loop-step',
      customerId,
      loopId: params.loopId,
      step: body.step,
      note: body.note ?? null,
      by: principal.id,
      now: context.now,
    }));
  }

  @Post(':loopId/close')
  @LoopCommand('F3: close a follow-up; refused until every step is recorded')
  async close(@Param() params: LoopIdParam, @Req() request: Request, @CurrentPrincipal() principal: Principal): Promise<LoopChangedDto> {
    return this.run(params.loopId, principal, this.contexts.fromRequest(request), (customerId, context) => ({
      type: 'close-loop',
      customerId,
      loopId: params.loopId,
      by: principal.id,
      now: context.now,
    }));
  }

  private async run(loopId: string, principal: Principal, context: CommandContext, command: (customerId: string, context: CommandContext) => CustomerFeedbackCommand): Promise<LoopChangedDto> {
    const doc = await this.queries.loop(loopId);
    if (!doc) throw notFound('follow-up', loopId);
    if (doc.ownerId !== principal.id && !hasRole(principal, 'manager', 'admin')) {
      throw new DomainError('forbidden', 'not-loop-owner', "only the follow-up's owner or a manager records its steps", 'F3');
    }
    const result = await this.commands.execute(command(doc.customerId, context), context);
    await this.commands.settled(result.events.at(-1)?.metadata.globalPosition ?? 0);
    const loop = result.state.loops[loopId];
    return { loopId, events: result.events.map((e) => e.type), stepsMissing: loop ? missingSteps(loop) : [], status: loop?.status ?? 'open' };
  }
}
