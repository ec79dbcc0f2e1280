import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request, Response } from 'express';
import { CustomerCommands } from '../customer-commands';
import { DirectoryCopy } from '../directory-copy/directory-copy';
import { CustomerRegisteredDto, RegisterCustomerDto } from './register-customer.dto';
import { normalizedContact, RegistrationService } from './registration.service';

@ApiTags('customers')
@Controller('api/v1/customers')
export class RegisterCustomerHttpController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly commands: CustomerCommands,
    private readonly contexts: CommandContexts,
    private readonly directory: DirectoryCopy,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Roles('rep', 'manager', 'admin')
  @ApiOperation({ summary: 'Register a customer (C1, C3): the calling rep owns it; a duplicate phone/email is refused and recorded' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe key: a repeat returns the original result' })
  @ApiCreatedResponse({ type: CustomerRegisteredDto })
  @ApiBadRequestResponse({ description: 'invalid field (problem+json naming it)' })
  @ApiConflictResponse({ description: 'C1: a customer with this phone or email exists; names it and its owner (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'D1: the registering person is not an active person of the directory' })
  async register(@Body() body: RegisterCustomerDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<CustomerRegisteredDto> {
    const context = this.contexts.fromRequest(request);
    // D1: the registering person becomes the owner (C3), so they must be an active person of the directory.
    await this.directory.requireActive(context.actor.id, 'owner');
    const contact = normalizedContact(body.phone, body.email, body.region ?? this.commands.policy.phone.defaultRegion);
    const registered = await this.registration.register(
      { name: body.name, ...contact, company: body.company ?? null, ...(body.customerId ? { customerId: body.customerId } : {}) },
      context,
    );
    await this.commands.settled(registered.position);
    response.location(`/api/v1/customers/${registered.customerId}`);
    if (registered.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return { customerId: registered.customerId, ownerId: registered.ownerId, position: registered.position };
  }
}
