import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FieldCondition } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, Roles, type Principal } from '@rapport/platform-nest';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CustomerCommands } from '../customer-commands';
import { readsAll } from '../http/card-access';
import { Trim } from '../http/dto-helpers';
import { pageOf, PageQuery } from '../http/page.query';
import { CUSTOMER_CARDS, type CustomerCard } from '../read-models/customer-card.model';

export class SearchCustomersQuery extends PageQuery {
  @ApiPropertyOptional({
    example: 'wong',
    minLength: 2,
    maxLength: 100,
    description:
      'At least 2 characters, matched case-insensitively within name, email, company and phone (digits: "415 555" finds +14155550100); ' +
      'a customer id finds that customer. ' +
      'Omit it to list every customer you may see, by name.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(2, 100)
  q?: string;

  @ApiPropertyOptional({ enum: ['active', 'merged'], default: 'active' })
  @IsOptional()
  @IsIn(['active', 'merged'])
  status?: 'active' | 'merged';
}

export class CustomerHit {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: 'Mia Wong' }) readonly name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Wong Logistics' }) readonly company!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+14155550100' }) readonly phone!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'mia@wong.example' }) readonly email!: string | null;
  @ApiProperty({ example: 'rep-ana' }) readonly ownerId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'prospect-with-intent' }) readonly stage!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) readonly tier!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'B' }) readonly grade!: string | null;
}

export class CustomerHitsDto {
  @ApiProperty({ type: [CustomerHit] }) readonly items!: CustomerHit[];
  @ApiProperty({ description: 'All matches, of which `items` is one page', example: 1 }) readonly total!: number;
}

const hitOf = (c: CustomerCard): CustomerHit => ({ id: c.id, name: c.name, company: c.company, phone: c.phone, email: c.email, ownerId: c.ownerId, stage: c.stage, tier: c.tier, grade: c.grade });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A search term matches any of name, email and company; "415 555" also finds +14155550100 (phones compare as
 * digits); a customer id (pasted from a history, an export or a topic) finds that customer.
 */
function matchesOf(term: string): Record<string, FieldCondition>[] {
  if (UUID.test(term)) return [{ id: { in: [term.toLowerCase()] } }];
  const anyOf: Record<string, FieldCondition>[] = [{ name: { contains: term } }, { email: { contains: term } }, { company: { contains: term } }];
  const digits = term.replace(/\D/g, '');
  if (digits.length >= 3) anyOf.push({ phone: { contains: digits } });
  return anyOf;
}

@ApiTags('customers: queries')
@Controller('api/v1/customers')
export class SearchCustomersHttpController {
  constructor(private readonly commands: CustomerCommands) {}

  @Get()
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({
    summary: 'List or search customers by name, phone, email, company or id; reps see the customers they own or collaborate on (C3)',
    description: 'Without `q`, every customer the caller may see, by name; with `q` (2–100 characters), those matching it.',
  })
  @ApiOkResponse({ type: CustomerHitsDto, description: 'matching customers, by name' })
  async search(@Query() query: SearchCustomersQuery, @CurrentPrincipal() principal: Principal): Promise<CustomerHitsDto> {
    const anyOf = query.q === undefined ? undefined : matchesOf(query.q);
    const where: Record<string, FieldCondition> = { status: query.status ?? 'active' };
    if (!readsAll(principal)) where['members'] = { contains: `|${principal.id}|` };
    const store = this.commands.host.readModels;
    const [items, total] = await Promise.all([
      store.find<CustomerCard>(CUSTOMER_CARDS, { where, ...(anyOf ? { anyOf } : {}), orderBy: [{ field: 'name' }], ...pageOf(query) }),
      store.count(CUSTOMER_CARDS, { where, ...(anyOf ? { anyOf } : {}) }),
    ]);
    return { items: items.map(hitOf), total };
  }
}
