import { Controller, Get, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, hasRole, Roles, type Principal } from '@rapport/platform-nest';
import { complaintStreamId } from '@rapport/complaints-domain';
import { ComplaintCommands } from '../complaint-commands';
import { ComplaintIdPipe } from '../http/complaint-id.pipe';

export class RecordEntryDto {
  @ApiProperty({ example: 'complaints.handling-step-recorded.v1' }) type!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ description: 'Who (A1)' }) actorId!: string;
  @ApiProperty({ enum: ['api', 'topic', 'timer', 'import', 'system'], description: 'Through what (A1)' }) via!: string;
  @ApiPropertyOptional({ description: 'Why, when the command gave a reason' }) reason?: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What was recorded; erased personal fields read null (A5)' }) data!: object;
  @ApiPropertyOptional({ type: [String], description: 'A5: personal fields erased with the customer' }) erasedFields?: string[];
}

/**
 * K4: the record of a complaint — content, every handling step, the result and the customer's satisfaction —
 * read from its own stream (consistent, with the customer's words, so a personal read: A6 logs it).
 */
@ApiTags('complaints: queries')
@Controller('api/v1/complaints')
export class ComplaintRecordHttpController {
  constructor(private readonly commands: ComplaintCommands) {}

  @Get(':complaintId/record')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'K4: the whole record of one complaint, in order; for its owner, the accountable first receiver, managers and auditors' })
  @ApiOkResponse({ type: [RecordEntryDto] })
  @ApiForbiddenResponse({ description: 'K2: a rep who neither owns it nor is accountable for it' })
  @ApiNotFoundResponse({ description: 'no such complaint' })
  async record(@Param('complaintId', ComplaintIdPipe) complaintId: string, @CurrentPrincipal() principal: Principal): Promise<RecordEntryDto[]> {
    const state = await this.commands.state(complaintId);
    if (state.status === 'none') throw new DomainError('not_found', 'complaint-not-found', 'no such complaint', 'K1');
    if (state.ownerId !== principal.id && state.accountableId !== principal.id && !hasRole(principal, 'manager', 'auditor', 'admin')) {
      throw new DomainError('forbidden', 'not-your-complaint', 'a rep reads the complaints she owns or is accountable for', 'K2');
    }
    const events = await this.commands.host.events.readStream(complaintStreamId(complaintId));
    return events.map((e) => ({
      type: e.type,
      recordedAt: e.metadata.recordedAt,
      actorId: e.metadata.actor.id,
      via: e.metadata.via,
      ...(e.metadata.reason ? { reason: e.metadata.reason } : {}),
      data: e.data as object,
      ...(e.metadata.erasedFields ? { erasedFields: [...e.metadata.erasedFields] } : {}),
    }));
  }
}
