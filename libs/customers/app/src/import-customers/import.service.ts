import { appendContextOf, DomainError, nameBasedUuid, type CommandContext } from '@rapport/platform-eventsourcing';
import {
  importStreamId,
  isManager,
  planImport,
  summarize,
  type CustomersImported,
  type ImportRow,
  type ImportSummary,
  type RowOutcome,
} from '@rapport/customers-domain';
import { actorOf, stepOf, type CustomerCommands } from '../customer-commands';
import type { RegistrationService } from '../register-customer/registration.service';

export interface ImportReport {
  readonly importId: string;
  readonly summary: ImportSummary;
  /** One entry per row, in file order. */
  readonly rows: readonly RowOutcome[];
}

/**
 * C1 bulk import: dedupe within the file (pure planning), then register the remaining rows one by one
 * through the same registry as single registrations, so a row that duplicates an existing customer is
 * refused and recorded just the same. Every row's fate is reported. Rows are sequential on purpose: the
 * file order decides which of two racing rows wins, and SQLite has one writer anyway.
 */
export class ImportService {
  constructor(
    private readonly registration: RegistrationService,
    private readonly commands: CustomerCommands,
  ) {}

  async import(rows: readonly ImportRow[], context: CommandContext): Promise<ImportReport> {
    const importId = nameBasedUuid(`${context.commandId}/import`);
    const plan = planImport(rows, { mayNameOwner: isManager(actorOf(context)) });
    const outcomes: RowOutcome[] = [];
    for (const planned of plan) {
      if (planned.status !== 'candidate') {
        outcomes.push(planned);
        continue;
      }
      const { row, name, phone, email, company, owner } = planned;
      const rowContext: CommandContext = { ...stepOf(context, `row:${row}`), via: 'import' };
      try {
        const registered = await this.registration.register({ name, phone, email, company, ...(owner ? { ownerId: owner } : {}) }, rowContext, { source: 'import', importId, row });
        outcomes.push({ row, status: 'created', customerId: registered.customerId });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.code === 'duplicate-customer') {
          const details = error.details as { existingCustomerId: string; matchedOn: 'phone' | 'email' };
          outcomes.push({ row, status: 'duplicate-in-registry', existingCustomerId: details.existingCustomerId, matchedOn: details.matchedOn });
        } else {
          outcomes.push({ row, status: 'invalid', errors: [{ field: 'row', message: error.message }] });
        }
      }
    }
    const summary = summarize(outcomes);
    await this.record(importId, summary, outcomes, context);
    await this.commands.settled(await this.commands.host.events.headPosition());
    return { importId, summary, rows: outcomes };
  }

  async report(importId: string): Promise<CustomersImported['data'] | undefined> {
    const [event] = await this.commands.host.events.readStream<CustomersImported>(importStreamId(importId), { maxCount: 1 });
    return event?.data;
  }

  private async record(importId: string, summary: ImportSummary, outcomes: readonly RowOutcome[], context: CommandContext): Promise<void> {
    const step = stepOf(context, 'report');
    const notCreated = outcomes.filter((o): o is Exclude<RowOutcome, { status: 'created' }> => o.status !== 'created');
    const data: CustomersImported['data'] = { importId, summary, notCreated, by: context.actor.id, at: context.now.toISOString() };
    await this.commands.host.events.append(
      importStreamId(importId),
      [{ eventId: nameBasedUuid(`${step.commandId}/0`), type: 'customers.customers-imported.v1', data }],
      { expectedVersion: 'any', context: { ...appendContextOf(step), via: 'import' } },
    );
  }
}
