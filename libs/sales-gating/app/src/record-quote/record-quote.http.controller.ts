import { Body, Controller, HttpCode, HttpStatus, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@rapport/platform-eventsourcing';
import { CommandContexts, CurrentPrincipal, hasRole, Roles, ServiceHost, type Principal } from '@rapport/platform-nest';
import type { Request } from 'express';
import { GateCommands } from '../gate-commands';
import { CommandAnswerDto, settledAnswer } from '../http/command-answer';
import { ID_PATTERN } from '../http/gate-access';
import { GatingIdPipe } from '../http/gating-id.pipe';
import { SALES_GATING_HOST } from '../sales-gating.tokens';
import { RecordQuoteDto } from './record-quote.dto';

@ApiTags('sales gating: quotes')
@Controller('api/v1/sales-gating/customers')
export class RecordQuoteHttpController {
  constructor(
    private readonly commands: GateCommands,
    private readonly contexts: CommandContexts,
    @Inject(SALES_GATING_HOST) private readonly host: ServiceHost,
  ) {}

  @Post(':customerId/quotes')
  @HttpCode(HttpStatus.OK)
  @Roles('rep', 'manager')
  @ApiParam({ name: 'customerId', schema: { type: 'string', pattern: ID_PATTERN.source } })
  @ApiOperation({ summary: 'G9: record a quote, visible to every rep who may pitch; a lower one than the last for the product needs a manager' })
  @ApiOkResponse({ type: CommandAnswerDto })
  @ApiForbiddenResponse({ description: 'G6: the rep is not the owner or a collaborator; G9: a lower quote without a manager' })
  @ApiNotFoundResponse({ description: 'gating knows no such customer' })
  async record(@Param('customerId', GatingIdPipe) customerId: string, @Body() body: RecordQuoteDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<CommandAnswerDto> {
    const manager = hasRole(principal, 'manager');
    const repId = body.repId ?? principal.id;
    if (!manager && repId !== principal.id) throw new DomainError('forbidden', 'not-your-quote', 'a rep quotes only as themselves', 'G9');
    const context = this.contexts.fromRequest(request);
    const result = await this.commands.recordQuote(
      customerId,
      { quoteId: body.quoteId ?? context.commandId, repId, product: body.product, amount: body.amount, currency: body.currency, approvedBy: manager ? principal.id : null },
      context,
    );
    return settledAnswer(this.host, customerId, result);
  }
}
