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
  @ApiProperty({ example: 'wong', description: 'Matched case-insensitively within name, email, company and phone (digits)' })
  @Trim()
  @IsString()
  @Length(2, 100)
  q!: string;

  @ApiPropertyOptional({ enum: ['active', 'merged'], default: 'active' })
  @IsOptional()
  @IsIn(['active', 'merged'])
  status?: 'active' | 'merged';
}

export interface CustomerHit {
  readonly id: string;
  readonly name: string;
  readonly company: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly ownerId: string;
  readonly stage: string | null;
  readonly tier: string | null;
  readonly grade: string | null;
}

const hitOf = (c: CustomerCard): CustomerHit => ({ id: c.id, name: c.name, company: c.company, phone: c.phone, email: c.email, ownerId: c.ownerId, stage: c.stage, tier: c.tier, grade: c.grade });

@ApiTags('customers: queries')
@Controller('api/v1/customers')
export class SearchCustomersHttpController {
  constructor(private readonly commands: CustomerCommands) {}

  @Get()
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'Search by name, phone, email or company; reps search the customers they own or collaborate on (C3)' })
  @ApiOkResponse({ description: 'matching customers, by name' })
  async search(@Query() query: SearchCustomersQuery, @CurrentPrincipal() principal: Principal): Promise<{ items: CustomerHit[]; total: number }> {
    const term = query.q;
    const digits = term.replace(/\D/g, '');
    const anyOf: Record<string, FieldCondition>[] = [{ name: { contains: term } }, { email: { contains: term } }, { company: { contains: term } }];
    // "415 555" finds +14155550100: phones are stored in E.164, so compare digits only.
    if (digits.length >= 3) anyOf.push({ phone: { contains: digits } });
    const where: Record<string, FieldCondition> = { status: query.status ?? 'active' };
    if (!readsAll(principal)) where['members'] = { contains: `|${principal.id}|` };
    const store = this.commands.host.readModels;
    const [items, total] = await Promise.all([
      store.find<CustomerCard>(CUSTOMER_CARDS, { where, anyOf, orderBy: [{ field: 'name' }], ...pageOf(query) }),
      store.count(CUSTOMER_CARDS, { where, anyOf }),
    ]);
    return { items: items.map(hitOf), total };
  }
}
