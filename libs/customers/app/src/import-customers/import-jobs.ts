import { Logger } from '@nestjs/common';
import type { Clock, CommandContext } from '@rapport/platform-eventsourcing';
import { summarize, type ImportRow, type ImportSummary, type RowOutcome } from '@rapport/customers-domain';
import type { ImportService } from './import.service';

export type ImportJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportJob {
  readonly importId: string;
  /** Who submitted it: the report is theirs (and managers'). */
  readonly by: string;
  readonly submittedAt: string;
  status: ImportJobStatus;
  readonly total: number;
  readonly outcomes: RowOutcome[];
  finishedAt?: string;
  error?: string;
}

export interface ImportJobView {
  readonly importId: string;
  readonly status: ImportJobStatus;
  readonly by: string;
  readonly submittedAt: string;
  readonly finishedAt?: string;
  readonly total: number;
  readonly processed: number;
  readonly summary: ImportSummary;
  readonly rows: readonly RowOutcome[];
  readonly rowsListed: 'all';
  readonly error?: string;
}

/** Finished jobs kept in memory for their per-row report; older ones answer from the recorded import event. */
const KEEP_FINISHED = 50;

/**
 * Imports run off the request path: a submitted import is queued and answered at once (202); one import
 * runs at a time in file order (rows of two imports never interleave), and its progress is readable while
 * it runs. A job lives in the process that accepted it; its outcome is recorded as the import's event.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private queue: Promise<void> = Promise.resolve();
  private readonly logger = new Logger('imports');

  constructor(
    private readonly imports: ImportService,
    private readonly clock: Clock,
  ) {}

  submit(rows: readonly ImportRow[], context: CommandContext): ImportJob {
    const importId = this.imports.idOf(context);
    const existing = this.jobs.get(importId);
    if (existing) return existing;
    const job: ImportJob = { importId, by: context.actor.id, submittedAt: context.now.toISOString(), status: 'queued', total: rows.length, outcomes: [] };
    this.jobs.set(importId, job);
    this.queue = this.queue.then(() => this.run(job, rows, context));
    return job;
  }

  get(importId: string): ImportJob | undefined {
    return this.jobs.get(importId);
  }

  /** Resolves once every job submitted so far has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  private async run(job: ImportJob, rows: readonly ImportRow[], context: CommandContext): Promise<void> {
    job.status = 'running';
    try {
      await this.imports.import(rows, context, (outcome) => job.outcomes.push(outcome));
      job.status = 'done';
    } catch (error) {
      job.status = 'failed';
      job.error = 'the import stopped on an unexpected error; rows reported so far are stored';
      this.logger.error(`import ${job.importId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    job.finishedAt = this.clock.now().toISOString();
    this.forgetOldest();
  }

  private forgetOldest(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status === 'done' || j.status === 'failed');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(job.importId);
  }
}

export const viewOf = (job: ImportJob): ImportJobView => ({
  importId: job.importId,
  status: job.status,
  by: job.by,
  submittedAt: job.submittedAt,
  ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
  total: job.total,
  processed: job.outcomes.length,
  summary: summarize(job.outcomes),
  rows: job.outcomes,
  rowsListed: 'all',
  ...(job.error ? { error: job.error } : {}),
});
