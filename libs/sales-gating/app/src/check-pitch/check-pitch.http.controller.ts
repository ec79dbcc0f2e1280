import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@rapport/platform-nest';
import { GateCommands } from '../gate-commands';
import { requireSelfOrOversight } from '../http/gate-access';
import { SalesGatingQueries } from '../sales-gating-queries';
import { BatchCheckDto, BatchCheckReplyDto, CheckDto, CheckReplyDto } from './check-pitch.dto';
import { replyOf, type CheckReply } from './check-replies';

@ApiTags('sales gating: checks')
@Controller('api/v1/sales-gating/checks')
export class CheckPitchHttpController {
  constructor(
    private readonly queries: SalesGatingQueries,
    private readonly commands: GateCommands,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Roles('rep', 'manager', 'integrator', 'admin')
  @ApiOperation({ summary: 'G1–G6: may this rep pitch (this product) to this customer now? Allow or deny, with reasons and the next allowed time' })
  @ApiOkResponse({ type: CheckReplyDto })
  async check(@Body() body: CheckDto, @CurrentPrincipal() principal: Principal): Promise<CheckReply> {
    return (await this.answer([body], principal))[0]!;
  }

  @Post('batch')
  @HttpCode(HttpStatus.OK)
  @Roles('rep', 'manager', 'integrator', 'admin')
  @ApiOperation({ summary: 'The same check for a dialer list: up to 10,000, answered in order exactly as single checks' })
  @ApiOkResponse({ type: BatchCheckReplyDto })
  async batch(@Body() body: BatchCheckDto, @CurrentPrincipal() principal: Principal): Promise<{ answers: CheckReply[] }> {
    return { answers: await this.answer(body.checks, principal) };
  }

  private async answer(checks: readonly CheckDto[], principal: Principal): Promise<CheckReply[]> {
    const questions = checks.map((c) => ({ customerId: c.customerId, repId: c.repId ?? principal.id, product: c.product ?? null, customerAsked: c.customerAsked ?? false }));
    for (const q of questions) requireSelfOrOversight(principal, q.repId);
    const policy = await this.commands.currentPolicy();
    const answers = await this.queries.check(questions, policy);
    const answeredAt = this.queries.now().toISOString();
    return answers.map((a, i) => replyOf(questions[i]!.customerId, questions[i]!.repId, a, policy, answeredAt, principal));
  }
}
