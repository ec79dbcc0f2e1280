import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, hasRole, Roles, type Principal } from '@rapport/platform-nest';
import { CustomerIdParam } from '../http/params';
import { BoardQuery, DetractorQueueItemDto, FeedbackHistoryDto, IssueListDto, NpsBoardDto, PipelineDto, QueueQuery, TrendPointDto, TrendQuery } from './feedback-queries.dto';
import { FeedbackQueries } from './feedback-queries';

const ANYONE = ['rep', 'manager', 'auditor', 'admin'] as const;

@ApiTags('feedback: queries')
@Controller('api/v1/feedback')
export class FeedbackQueriesHttpController {
  constructor(private readonly queries: FeedbackQueries) {}

  @Get('nps')
  @Roles(...ANYONE)
  @ApiOperation({ summary: 'F1, F5: NPS overall and per segment (tier, grade, stage, owner, team, industry), all time or a month, with count, 95% margin and the biased-survey flag' })
  @ApiOkResponse({ type: NpsBoardDto })
  @ApiBadRequestResponse({ description: 'invalid query (problem+json naming the field)' })
  @ApiForbiddenResponse({ description: 'not allowed' })
  board(@Query() query: BoardQuery): Promise<NpsBoardDto> {
    return this.queries.board(query.dimension ?? 'overall', query.month ? `month:${query.month}` : 'all');
  }

  @Get('nps/trend')
  @Roles(...ANYONE)
  @ApiOperation({ summary: 'F1: overall NPS by ISO week or month, with count and margin, oldest first' })
  @ApiOkResponse({ type: [TrendPointDto] })
  @ApiBadRequestResponse({ description: 'invalid query' })
  @ApiForbiddenResponse({ description: 'not allowed' })
  trend(@Query() query: TrendQuery): Promise<TrendPointDto[]> {
    return this.queries.trend(query.interval ?? 'week', query.periods ?? 26);
  }

  @Get('detractors')
  @Roles('rep', 'manager', 'admin')
  @ApiOperation({ summary: 'F3: open detractor follow-ups, soonest due first, with time left and missing steps' })
  @ApiOkResponse({ type: [DetractorQueueItemDto] })
  @ApiBadRequestResponse({ description: 'invalid query' })
  @ApiForbiddenResponse({ description: "a rep asked for another rep's queue" })
  detractors(@Query() query: QueueQuery, @CurrentPrincipal() principal: Principal): Promise<DetractorQueueItemDto[]> {
    const manager = hasRole(principal, 'manager', 'admin');
    const ownerId = query.ownerId ?? (manager ? undefined : principal.id);
    if (ownerId !== principal.id && !manager) throw new DomainError('forbidden', 'not-your-queue', 'a rep sees only their own follow-ups', 'F3');
    return this.queries.detractorQueue(ownerId);
  }

  @Get('customers/:customerId/history')
  @Roles(...ANYONE)
  @ApiOperation({ summary: "F7: a customer's surveys, answers, sentiment over time and follow-ups" })
  @ApiOkResponse({ type: FeedbackHistoryDto })
  @ApiBadRequestResponse({ description: 'invalid id' })
  @ApiForbiddenResponse({ description: 'not allowed' })
  history(@Param() params: CustomerIdParam): Promise<FeedbackHistoryDto> {
    return this.queries.history(params.customerId) as Promise<FeedbackHistoryDto>;
  }

  @Get('issues')
  @Roles(...ANYONE)
  @ApiOperation({ summary: 'F6: categories ranked by frequency × damage (lower scores, later churn), important customers weighted first' })
  @ApiOkResponse({ type: IssueListDto })
  @ApiForbiddenResponse({ description: 'not allowed' })
  issues(): Promise<IssueListDto> {
    return this.queries.issues() as Promise<IssueListDto>;
  }

  @Get('pipeline')
  @Roles(...ANYONE)
  @ApiOperation({ summary: 'F4: how many surveys are requested, throttled, sent, answered, expired' })
  @ApiOkResponse({ type: PipelineDto })
  @ApiForbiddenResponse({ description: 'not allowed' })
  async pipeline(): Promise<PipelineDto> {
    const { requested, throttled, sent, answered, expired } = await this.queries.pipeline();
    return { requested, throttled, sent, answered, expired };
  }
}
