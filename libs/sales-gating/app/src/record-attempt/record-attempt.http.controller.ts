import { Body, Controller, HttpCode, HttpStatus, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { normalisedInstant } from '../http/instants';
import { CommandContexts, CurrentPrincipal, Roles, ServiceHost, type Principal } from '@rapport/platform-nest';
import type { Request } from 'express';
import { GateCommands } from '../gate-commands';
import { CommandAnswerDto, settledAnswer } from '../http/command-answer';
import { ID_PATTERN } from '../http/gate-access';
import { GatingIdPipe } from '../http/gating-id.pipe';
import { SALES_GATING_HOST } from '../sales-gating.tokens';
import { RecordAttemptDto } from './record-attempt.dto';

@ApiTags('sales gating: contact pressure')
@Controller('api/v1/sales-gating/customers')
export class RecordAttemptHttpController {
  constructor(
    private readonly commands: GateCommands,
    private readonly contexts: CommandContexts,
    @Inject(SALES_GATING_HOST) private readonly host: ServiceHost,
  ) {}

  @Post(':customerId/attempts')
  @HttpCode(HttpStatus.OK)
  @Roles('rep')
  @ApiParam({ name: 'customerId', schema: { type: 'string', pattern: ID_PATTERN.source } })
  @ApiOperation({ summary: 'G5: record a sales attempt by the calling rep and its outcome; refused when the check would deny it' })
  @ApiOkResponse({ type: CommandAnswerDto })
  @ApiForbiddenResponse({ description: 'G6: not the owner or a collaborator' })
  @ApiNotFoundResponse({ description: 'gating knows no such customer' })
  @ApiConflictResponse({ description: 'G1–G5: the gate is held, or contact pressure denies it now (problem+json with the next allowed time)' })
  async record(@Param('customerId', GatingIdPipe) customerId: string, @Body() body: RecordAttemptDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<CommandAnswerDto> {
    const context = this.contexts.fromRequest(request);
    const result = await this.commands.recordSalesAttempt(
      customerId,
      {
        attemptId: body.attemptId ?? context.commandId,
        repId: principal.id,
        pitch: body.pitch,
        product: body.product ?? null,
        customerAsked: body.customerAsked ?? false,
        outcome: body.outcome,
        notNowUntil: body.notNowUntil ? normalisedInstant(body.notNowUntil) : null,
      },
      context,
    );
    return settledAnswer(this.host, customerId, result);
  }
}
