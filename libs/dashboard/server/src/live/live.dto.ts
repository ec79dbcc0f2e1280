import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { TICKET_PATTERN, TICKET_TTL_MS } from './stream-tickets';

export const LAST_EVENT_ID = /^[0-9a-f]{8}-\d{1,15}$/;

export class StreamTicketDto {
  @ApiProperty({ description: 'Opens one stream: GET /app/events?ticket=…; single use', pattern: TICKET_PATTERN.source }) ticket!: string;
  @ApiProperty({ example: TICKET_TTL_MS / 1_000, description: 'Seconds left to open the stream with it' }) expiresInSeconds!: number;
}

export class LiveStreamQuery {
  @ApiProperty({ description: 'A ticket from POST /app/events/tickets (single use, 30 s)', pattern: TICKET_PATTERN.source })
  @IsString()
  @Matches(TICKET_PATTERN, { message: 'ticket must be a ticket from POST /app/events/tickets' })
  ticket!: string;

  @ApiPropertyOptional({
    description: 'The id of the last notice received, for a browser that reconnects with a new ticket (EventSource cannot set the Last-Event-ID header); the header wins when both are sent',
    pattern: LAST_EVENT_ID.source,
    example: '9f86d081-42',
  })
  @IsOptional()
  @IsString()
  @Matches(LAST_EVENT_ID, { message: 'lastEventId must be the id of a notice, e.g. 9f86d081-42' })
  lastEventId?: string;
}
