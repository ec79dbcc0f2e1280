import { appendContextOf, DomainError, nameBasedUuid, type CommandContext } from '@rapport/platform-eventsourcing';
import { importStreamId, isManager, summarize, type CustomersImported, type ImportRow, type ImportSummary, type RowOutcome } from '@rapport/customers-domain';
import { actorOf, stepOf, type CustomerCommands } from '../customer-commands';
import type { DirectoryCopy } from '../directory-copy/directory-copy';
import type { RegistrationService } from '../register-customer/registration.service';
import { StreamingImportPlan } from './streaming-plan';

export interface ImportReport {
  readonly importId: string;
  readonly summary: ImportSummary;
  /** One entry per row, in file order. */
  readonly rows: readonly RowOutcome[];
}

/** How long an import may hold the event loop before it lets other requests in (`/health` stays fast). */
const SLICE_MS = 8;

/** Rows registered at once. Enough to fill a group commit; few enough that single requests beside it wait little. */
const IN_FLIGHT = 16;

/** Resolves on the next turn of the event loop, after pending I/O. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * C1 bulk import: dedupe within the file (planning, in file order: of two rows sharing a phone or email the
 * first wins), then register the remaining rows through the same registry as single registrations, so a row that
 * duplicates an existing customer is refused and recorded just the same. Every row's fate is reported, in file
 * order. After planning no two candidate rows share a contact key, so up to {@link IN_FLIGHT} rows are registered
 * at once: their appends share the event store's group commits instead of paying one fsync each. Planning is cut
 * into slices of a few milliseconds with a yield between them, so an import of 100,000 rows never stalls the
 * requests served beside it.
 */
export class ImportService {
  constructor(
    private readonly registration: RegistrationService,
    private readonly commands: CustomerCommands,
    private readonly directory: DirectoryCopy,
  ) {}

  /** Derived from the command id, so a retried request names the same import. */
  idOf(context: CommandContext): string {
    return nameBasedUuid(`${context.commandId}/import`);
  }

  async import(rows: readonly ImportRow[], context: CommandContext, onRow: (outcome: RowOutcome) => void = () => undefined): Promise<ImportReport> {
    const importId = this.idOf(context);
    const plan = new StreamingImportPlan({ mayNameOwner: isManager(actorOf(context)) });
    const outcomes: (RowOutcome | undefined)[] = new Array<RowOutcome | undefined>(rows.length);
    const inFlight = new Set<Promise<void>>();
    let reported = 0;
    // onRow hears the rows in file order: each finished row releases the finished prefix.
    const report = (): void => {
      while (reported < rows.length && outcomes[reported] !== undefined) onRow(outcomes[reported++]!);
    };
    let sliceStart = performance.now();
    for (let index = 0; index < rows.length; index++) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
      const planned = plan.plan(rows[index]!, index + 1);
      const running: Promise<void> = this.importRow(planned, importId, context).then((outcome) => {
        outcomes[index] = outcome;
        inFlight.delete(running);
        report();
      });
      // Observed by the race or the final wait; a row failing after another already failed the import is not unhandled.
      running.catch(() => undefined);
      inFlight.add(running);
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const done = outcomes as RowOutcome[];
    const summary = summarize(done);
    await this.record(importId, summary, done, context);
    await this.commands.settled(await this.commands.host.events.headPosition());
    return { importId, summary, rows: done };
  }

  async report(importId: string): Promise<CustomersImported['data'] | undefined> {
    const [event] = await this.commands.host.events.readStream<CustomersImported>(importStreamId(importId), { maxCount: 1 });
    return event?.data;
  }

  private async importRow(planned: ReturnType<StreamingImportPlan['plan']>, importId: string, context: CommandContext): Promise<RowOutcome> {
    if (planned.status !== 'candidate') return planned;
    const { row, name, phone, email, company, owner } = planned;
    const rowContext: CommandContext = { ...stepOf(context, `row:${row}`), via: 'import' };
    // D1: the row's owner (the importer, or the owner a manager names) must be an active person of the directory.
    const ownerId = owner ?? context.actor.id;
    const standing = await this.directory.effectiveStanding(ownerId);
    if (standing !== 'active') {
      return { row, status: 'invalid', errors: [{ field: owner ? 'owner' : 'row', message: `D1: ${ownerId} is ${standing === 'unknown' ? 'not a person of the directory' : 'no longer active in the directory'}` }] };
    }
    try {
      const registered = await this.registration.register({ name, phone, email, company, ...(owner ? { ownerId: owner } : {}) }, rowContext, { source: 'import', importId, row });
      return { row, status: 'created', customerId: registered.customerId };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'duplicate-customer') {
        const details = error.details as { existingCustomerId: string; matchedOn: 'phone' | 'email' };
        return { row, status: 'duplicate-in-registry', existingCustomerId: details.existingCustomerId, matchedOn: details.matchedOn };
      }
      return { row, status: 'invalid', errors: [{ field: 'row', message: error.message }] };
    }
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
