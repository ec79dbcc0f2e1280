import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { nameBasedUuid } from '@rapport/platform-eventsourcing';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { ContactChannel, ContactDirection, CustomerCommandBody } from '@rapport/customers-domain';
import type { Request } from 'express';
import { CustomerCommands } from '../customer-commands';
import { CommandAcceptedDto, runCommand } from '../http/command-accepted.dto';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { FollowUpDto, GatherBackgroundDto, LeavingAnswersDto, ReachDecisionMakerDto, RootCauseDto, SignalLeavingDto, WinBackOutcomeDto, WorthItDto } from './win-back.dto';

/** Steps 2 and 6 are logged as contacts (C5); the contact id derives from the command id, so a retry logs one. */
const contactOf = (body: { channel?: ContactChannel; direction?: ContactDirection }, commandId: string) => ({
  contactId: nameBasedUuid(`${commandId}/contact`),
  channel: body.channel ?? 'call',
  direction: body.direction ?? 'outbound',
});

/** C11: a leaving signal, the six steps in order, and the outcome. Each is its own recorded command. */
@ApiTags('customers: win-back')
@Controller('api/v1/customers/:customerId/win-back')
@Roles('rep', 'manager', 'admin')
@ApiOkResponse({ type: CommandAcceptedDto })
@ApiForbiddenResponse({ description: 'C3: not the owner, a collaborator or a manager' })
@ApiNotFoundResponse({ description: 'no such customer' })
@ApiUnprocessableEntityResponse({ description: 'C11: a step out of order, or no open win-back' })
export class WinBackHttpController {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly contexts: CommandContexts,
  ) {}

  private run(customerId: string, body: CustomerCommandBody, request: Request, reason?: string): Promise<CommandAcceptedDto> {
    return runCommand(this.commands, customerId, body, this.contexts.fromRequest(request, reason));
  }

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Signal that the customer is leaving: opens a win-back (stage: leaving)' })
  @ApiConflictResponse({ description: 'C11: a win-back is already open' })
  signal(@Param('customerId', CustomerIdPipe) id: string, @Body() body: SignalLeavingDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    return this.run(id, { type: 'signal-leaving', signal: body.signal }, request);
  }

  @Post('background')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Step 1: gather the internal background' })
  background(@Param('customerId', CustomerIdPipe) id: string, @Body() body: GatherBackgroundDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    return this.run(id, { type: 'gather-win-back-background', background: body.background }, request);
  }

  @Post('decision-maker')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Step 2: reach the decision-maker' })
  decisionMaker(@Param('customerId', CustomerIdPipe) id: string, @Body() body: ReachDecisionMakerDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    const context = this.contexts.fromRequest(request);
    const step = {
      type: 'reach-decision-maker' as const,
      decisionMaker: body.decisionMaker,
      title: body.title,
      rank: body.rank ?? 'decision-maker',
      notes: body.notes ?? null,
      ...contactOf(body, context.commandId),
    };
    return runCommand(this.commands, id, step, context);
  }

  @Post('answers')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Step 3: record why they are leaving and what would make them stay' })
  answers(@Param('customerId', CustomerIdPipe) id: string, @Body() body: LeavingAnswersDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    const context = this.contexts.fromRequest(request);
    const complaint = body.complaint
      ? { complaintId: nameBasedUuid(`${context.commandId}/complaint`), description: body.complaint.description, apologised: body.complaint.apologised }
      : null;
    return runCommand(this.commands, id, { type: 'record-leaving-answers', whyLeaving: body.whyLeaving, whatWouldMakeStay: body.whatWouldMakeStay, complaint }, context);
  }

  @Post('root-cause')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Step 4: classify the root cause as specific or systemic' })
  rootCause(@Param('customerId', CustomerIdPipe) id: string, @Body() body: RootCauseDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    return this.run(id, { type: 'classify-root-cause', kind: body.kind, cause: body.cause, notes: body.notes ?? null, takeOverBy: body.takeOverBy ?? null }, request);
  }

  @Post('worth-it')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Step 5: decide whether winning back is worth it, with a reason' })
  worthIt(@Param('customerId', CustomerIdPipe) id: string, @Body() body: WorthItDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    return this.run(id, { type: 'decide-win-back-worth', worthIt: body.worthIt, reason: body.reason }, request, body.reason);
  }

  @Post('follow-up')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Step 6: follow up, telling the customer what changed' })
  followUp(@Param('customerId', CustomerIdPipe) id: string, @Body() body: FollowUpDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    const context = this.contexts.fromRequest(request);
    const followUp = { type: 'follow-up-win-back' as const, whatChanged: body.whatChanged, concession: body.concession ?? null, ...contactOf(body, context.commandId) };
    return runCommand(this.commands, id, followUp, context);
  }

  @Post('outcome')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close the win-back: won back (after all six steps) or lost' })
  outcome(@Param('customerId', CustomerIdPipe) id: string, @Body() body: WinBackOutcomeDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    return this.run(id, { type: 'close-win-back', outcome: body.outcome, reason: body.reason }, request, body.reason);
  }
}
