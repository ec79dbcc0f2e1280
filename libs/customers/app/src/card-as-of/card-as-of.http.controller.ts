import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '@rapport/platform-nest';
import { IsISO8601 } from 'class-validator';
import { CustomerCommands } from '../customer-commands';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { cardAsOf, type CardAsOf } from './card-as-of';

export class AsOfQuery {
  @ApiProperty({ format: 'date-time', example: '2026-03-03T12:00:00Z', description: 'The moment asked about' })
  @IsISO8601({ strict: true })
  at!: string;
}

@ApiTags('customers: audit')
@Controller('api/v1/customers')
export class CardAsOfHttpController {
  constructor(private readonly commands: CustomerCommands) {}

  @Get(':customerId/as-of')
  @Roles('auditor', 'manager', 'admin')
  @ApiOperation({ summary: 'A3: the customer card as it stood at a moment, and the global position the answer stands at' })
  @ApiOkResponse({ description: '{ customerId, asOf, position, nextPosition, card } (card null before the customer existed)' })
  @ApiBadRequestResponse({ description: '`at` is not an ISO 8601 instant' })
  @ApiForbiddenResponse({ description: 'reps read the live card only' })
  asOf(@Param('customerId', CustomerIdPipe) customerId: string, @Query() query: AsOfQuery): Promise<CardAsOf> {
    return cardAsOf(this.commands.host.events, customerId, new Date(query.at));
  }
}
