import { Body, Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { uuidv7, type CommandHandler, type RecordedEvent } from '@rapport/platform-eventsourcing';
import { CommandContexts, RequestValidationError, Roles, type ServiceHost } from '@rapport/platform-nest';
import {
  customerStreamId,
  normalizeEmail,
  normalizePhone,
  type CustomerCommand,
  type CustomerEvent,
  type CustomerRegistered,
  type CustomerState,
} from '@rapport/customers-domain';
import type { Request, Response } from 'express';
import { customerCardProjection } from '../customer-card.projection';
import { CUSTOMER_COMMANDS, CUSTOMERS_HOST } from '../customers.tokens';
import { CustomerRegisteredDto, RegisterCustomerDto } from './register-customer.dto';

@ApiTags('customers')
@Controller('api/v1/customers')
export class RegisterCustomerHttpController {
  constructor(
    @Inject(CUSTOMER_COMMANDS) private readonly commands: CommandHandler<CustomerCommand, CustomerEvent, CustomerState>,
    @Inject(CUSTOMERS_HOST) private readonly host: ServiceHost,
    private readonly contexts: CommandContexts,
  ) {}

  /** C1, C3: registers a customer; the calling rep becomes its owner. */
  @Post()
  @Roles('rep', 'manager')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe key: a repeat returns the original result' })
  @ApiCreatedResponse({ type: CustomerRegisteredDto })
  @ApiConflictResponse({ description: 'C1: the customer already exists (problem+json)' })
  async register(@Body() body: RegisterCustomerDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<CustomerRegisteredDto> {
    const context = this.contexts.fromRequest(request);
    const phone = body.phone === undefined ? null : normalizePhone(body.phone);
    if (phone === undefined) throw new RequestValidationError([{ field: 'phone', messages: ['phone is not a valid phone number'] }]);
    const customerId = body.customerId ?? uuidv7(context.now.getTime());
    const result = await this.commands.handle(
      customerStreamId(customerId),
      {
        type: 'register-customer',
        customerId,
        name: body.name.trim(),
        phone,
        email: body.email === undefined ? null : normalizeEmail(body.email),
        registeredBy: context.actor.id,
        now: context.now,
      },
      context,
      'new',
    );
    // On a replayed command the answer comes from the stored event, not from this request's fresh id.
    const registered = result.events[0]! as RecordedEvent<CustomerRegistered>;
    // Read-your-writes: answer once the card reflects the registration (bounded wait).
    await this.host.runner(customerCardProjection.name).waitFor(registered.metadata.globalPosition);
    response.location(`/api/v1/customers/${registered.data.customerId}`);
    if (result.duplicate) response.setHeader('Idempotent-Replayed', 'true');
    return { customerId: registered.data.customerId, ownerId: registered.data.ownerId, position: registered.metadata.globalPosition };
  }
}
