import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request } from 'express';
import { CHANNELS } from '../request-survey/request-survey.dto';
import { RelationshipWave } from './relationship-wave';

export class RelationshipWaveDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10000, description: 'F1: how many customers this wave may ask; the most important first' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  capacity!: number;

  @ApiPropertyOptional({ enum: CHANNELS, default: 'email' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: (typeof CHANNELS)[number];
}

export class WaveOutcomeDto {
  @ApiProperty({ description: 'long-standing customers not asked within the throttle window' }) readonly candidates!: number;
  @ApiProperty({ type: [String], description: 'in the order asked: tier, then share of wallet' }) readonly asked!: readonly string[];
  @ApiProperty() readonly sent!: number;
  @ApiProperty() readonly throttled!: number;
}

@ApiTags('feedback')
@Controller('api/v1/feedback/relationship-waves')
export class RelationshipWaveHttpController {
  constructor(
    private readonly wave: RelationshipWave,
    private readonly contexts: CommandContexts,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Roles('manager', 'admin')
  @ApiOperation({ summary: 'F1, F4: a relationship survey wave to long-standing customers, most important first, within a capacity' })
  @ApiOkResponse({ type: WaveOutcomeDto })
  @ApiBadRequestResponse({ description: 'invalid input (problem+json naming the field)' })
  @ApiForbiddenResponse({ description: 'managers only' })
  run(@Body() body: RelationshipWaveDto, @Req() request: Request): Promise<WaveOutcomeDto> {
    return this.wave.run(body.capacity, body.channel ?? 'email', this.contexts.fromRequest(request));
  }
}
