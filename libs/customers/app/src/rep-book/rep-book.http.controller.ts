import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, Roles, type Principal } from '@rapport/platform-nest';
import { IsOptional, IsString, Length } from 'class-validator';
import { CustomerCommands } from '../customer-commands';
import { readsAll } from '../http/card-access';
import { pageOf, PageQuery } from '../http/page.query';
import { CUSTOMER_CARDS, type CustomerCard } from '../read-models/customer-card.model';

export class RepBookQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'rep-ana', description: 'Whose book; a rep sees only their own (default: the caller)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  ownerId?: string;
}

export class BookEntry {
  @ApiProperty({ format: 'uuid' }) readonly customerId!: string;
  @ApiProperty({ example: 'Mia Wong' }) readonly name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Wong Logistics' }) readonly company!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'prospect-with-intent' }) readonly stage!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'B' }) readonly grade!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) readonly tier!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-01-05T09:00:00.000Z' }) readonly lastContactAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'send quote' }) readonly nextStep!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-01-20T09:00:00.000Z' }) readonly nextFollowUpAt!: string | null;
  @ApiProperty({ example: 'ok' }) readonly reclaimStatus!: string;
}

export class RepBookDto {
  @ApiProperty({ example: 'rep-ana' }) readonly ownerId!: string;
  @ApiProperty({ type: [BookEntry] }) readonly items!: BookEntry[];
  @ApiProperty({ example: 1 }) readonly total!: number;
}

@ApiTags('customers: queries')
@Controller('api/v1/customers/book')
export class RepBookHttpController {
  constructor(private readonly commands: CustomerCommands) {}

  @Get()
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: "A rep's book: owned customers with last contact, stage, grade and next follow-up, soonest follow-up first" })
  @ApiOkResponse({ type: RepBookDto, description: 'the book' })
  async book(@Query() query: RepBookQuery, @CurrentPrincipal() principal: Principal): Promise<RepBookDto> {
    const ownerId = query.ownerId ?? principal.id;
    if (ownerId !== principal.id && !readsAll(principal)) {
      throw new DomainError('forbidden', 'not-your-book', "a rep sees only their own book", 'C3');
    }
    const where = { ownerId, status: 'active' };
    const store = this.commands.host.readModels;
    // The store sorts missing dates first; a book shows customers without a follow-up last.
    const cards = await store.find<CustomerCard>(CUSTOMER_CARDS, { where, orderBy: [{ field: 'nextFollowUpAt' }, { field: 'name' }] });
    const ordered = [...cards.filter((c) => c.nextFollowUpAt !== null), ...cards.filter((c) => c.nextFollowUpAt === null)];
    const { limit, offset } = pageOf(query);
    const items = ordered.slice(offset, offset + limit).map((c) => ({
      customerId: c.id,
      name: c.name,
      company: c.company,
      stage: c.stage,
      grade: c.grade,
      tier: c.tier,
      lastContactAt: c.lastContactAt,
      nextStep: c.nextStep,
      nextFollowUpAt: c.nextFollowUpAt,
      reclaimStatus: c.reclaimStatus,
    }));
    return { ownerId, items, total: ordered.length };
  }
}
