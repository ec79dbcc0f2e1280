import { Controller, Get, Injectable, Param, type PipeTransform } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { RequestValidationError, Roles } from '@rapport/platform-nest';
import { ComplaintsQueries } from '../complaints-queries';
import { ComplaintViewDto } from '../http/complaint-view.dto';

export class ConcessionDto {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ format: 'uuid' }) concessionId!: string;
  @ApiProperty() amount!: number;
  @ApiProperty({ type: String, nullable: true }) approvalId!: string | null;
  @ApiProperty() grantedBy!: string;
  @ApiProperty({ format: 'date-time' }) grantedAt!: string;
}

export class CustomerComplaintsDto {
  @ApiProperty() customerId!: string;
  @ApiProperty({ type: [ComplaintViewDto] }) complaints!: ComplaintViewDto[];
  @ApiProperty({ type: [ConcessionDto] }) concessions!: ConcessionDto[];
  @ApiProperty() concessionTotal!: number;
  @ApiProperty({ description: 'K6: most of her complaints ended in a concession' }) mostlyConcessions!: boolean;
}

/** Customer ids are opaque strings of 1–100 printable characters. */
@Injectable()
export class CustomerIdParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !/^[\x21-\x7e]{1,100}$/.test(value)) throw new RequestValidationError([{ field: 'customerId', messages: ['customerId must be 1-100 printable characters'] }]);
    return value;
  }
}

@ApiTags('complaints: queries')
@Controller('api/v1/complaints/by-customer')
export class CustomerComplaintsHttpController {
  constructor(private readonly queries: ComplaintsQueries) {}

  @Get(':customerId')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: "K4, K6: a customer's complaints with every concession granted her" })
  @ApiOkResponse({ type: CustomerComplaintsDto })
  @ApiForbiddenResponse({ description: 'not a rep, manager, auditor or admin' })
  customer(@Param('customerId', CustomerIdParam) customerId: string): Promise<CustomerComplaintsDto> {
    return this.queries.customer(customerId) as Promise<CustomerComplaintsDto>;
  }
}
