import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { SweepCustomersDto, SweepReportDto } from './sweep-customers.dto';
import { SweepService } from './sweep.service';

@ApiTags('customers: ownership')
@Controller('api/v1/customers/sweeps')
export class SweepCustomersHttpController {
  constructor(
    private readonly sweeps: SweepService,
    private readonly contexts: CommandContexts,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Roles('manager', 'admin')
  @ApiOperation({
    summary: 'Run the sweep now (C4, C6, C12): reclaim warnings and reclaimability, time-driven stages and share of wallet; the scheduler will drive this later',
  })
  @ApiOkResponse({ type: SweepReportDto })
  sweep(@Body() body: SweepCustomersDto, @Req() request: Request): Promise<SweepReportDto> {
    return this.sweeps.sweep(this.contexts.fromRequest(request, 'sweep'), body) as Promise<SweepReportDto>;
  }
}
