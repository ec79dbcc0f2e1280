import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiOperation, ApiProperty, ApiTags, ApiUnprocessableEntityResponse, ApiConflictResponse } from '@nestjs/swagger';
import { uuidv7 } from '@rapport/platform-eventsourcing';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { ComplaintCommands } from '../complaint-commands';
import { DirectoryCopy } from '../directory-copy/directory-copy';
import { acceptedOf, ComplaintCommandAcceptedDto } from '../http/command-accepted.dto';
import { ReceiveComplaintDto } from './receive-complaint.dto';

export class ComplaintReceivedDto extends ComplaintCommandAcceptedDto {
  @ApiProperty({ example: 'K-2026-000123', description: 'K1: the reference the customer can quote' }) reference!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'K3: acknowledge by' }) acknowledgeBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'K3: resolve by' }) resolveBy!: string | null;
}

@ApiTags('complaints')
@Controller('api/v1/complaints')
export class ReceiveComplaintHttpController {
  constructor(
    private readonly commands: ComplaintCommands,
    private readonly contexts: CommandContexts,
    private readonly directory: DirectoryCopy,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Roles('rep', 'manager', 'admin')
  @ApiOperation({ summary: 'K1, K2: a rep records a complaint; she received it, so she owns it until the customer confirms it is fixed' })
  @ApiCreatedResponse({ type: ComplaintReceivedDto })
  @ApiForbiddenResponse({ description: 'not a rep or manager' })
  @ApiConflictResponse({ description: 'a complaint with this id exists already' })
  @ApiUnprocessableEntityResponse({ description: 'D1: the receiver is not an active person of the directory' })
  async receive(@Body() body: ReceiveComplaintDto, @Req() request: Request): Promise<ComplaintReceivedDto> {
    const context = this.contexts.fromRequest(request);
    const receivedBy = context.actor.id;
    const receiver = await this.directory.standing(receivedBy);
    const complaintId = body.complaintId?.toLowerCase() ?? uuidv7(context.now.getTime());
    const result = await this.commands.receive(
      {
        complaintId,
        customerId: body.customerId,
        channel: body.channel,
        category: body.category,
        severity: body.severity,
        description: body.description,
        remedySought: body.remedySought ?? '',
        source: 'rep',
        receivedBy,
        receiver,
        calendar: await this.directory.calendarOf(receiver.teamId),
      },
      context,
    );
    const accepted = acceptedOf(complaintId, result.events);
    await this.commands.settled(accepted.position);
    return { ...accepted, reference: result.state.reference!, acknowledgeBy: result.state.clocks.acknowledge?.dueAt ?? null, resolveBy: result.state.clocks.resolve?.dueAt ?? null };
  }
}
