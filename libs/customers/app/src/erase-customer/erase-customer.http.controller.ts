import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { CustomerErasedDto, EraseCustomerDto } from './erase-customer.dto';
import { ErasureService } from './erasure.service';

@ApiTags('customers: audit')
@Controller('api/v1/customers')
export class EraseCustomerHttpController {
  constructor(
    private readonly erasures: ErasureService,
    private readonly contexts: CommandContexts,
  ) {}

  /** Admins only: erasure is irreversible, and the one who decides it answers to the data protection officer. */
  @Post(':customerId/erasure')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiOperation({ summary: "A5: erase the customer's personal data (crypto-shredding); history, totals and ownership stay" })
  @ApiOkResponse({ type: CustomerErasedDto })
  @ApiForbiddenResponse({ description: 'only an admin may erase' })
  @ApiNotFoundResponse({ description: 'no such customer' })
  erase(@Param('customerId', CustomerIdPipe) customerId: string, @Body() body: EraseCustomerDto, @Req() request: Request): Promise<CustomerErasedDto> {
    return this.erasures.erase(customerId, body.basis, this.contexts.fromRequest(request));
  }
}
