import type { EventStore, RecordedEvent } from '@rapport/platform-eventsourcing';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { signCheckpoint, type Checkpoint } from './checkpoint';
import { EventChainer, type ChainLink } from './event-chain';

/**
 * A4 until the adapters store each event's link themselves: a witness file (JSON Lines) beside the store holding
 * every event's links, in order, and signed checkpoints. Kept (or published) apart from the database, it lets
 * `rapport verify` name the first event someone with database access altered, removed, inserted or reordered.
 * It must read the store as stored (the adapter itself), never through decryption.
 */
export class ChainWitness {
  constructor(private readonly path: string) {}

  read(): { readonly links: ChainLink[]; readonly checkpoints: Checkpoint[] } {
    const links: ChainLink[] = [];
    const checkpoints: Checkpoint[] = [];
    if (!existsSync(this.path)) return { links, checkpoints };
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const parsed = JSON.parse(line) as { link?: ChainLink; checkpoint?: Checkpoint };
      if (parsed.link) links.push(parsed.link);
      if (parsed.checkpoint) checkpoints.push(parsed.checkpoint);
    }
    return { links, checkpoints };
  }

  /** Witnesses every event appended since the last run; returns how many were added. */
  async update(store: EventStore, progress?: (position: number, head: number) => void, pageSize = 5_000): Promise<number> {
    const { links } = this.read();
    const streams = new Map<string, string>();
    for (const l of links) streams.set(l.streamId, l.stream);
    const last = links.at(-1);
    const chainer = new EventChainer(last ? { global: last.global, streams } : undefined);
    const head = await store.headPosition();
    let added = 0;
    for (let after = last?.position ?? 0; ; ) {
      const page: RecordedEvent[] = await store.readAll({ after, maxCount: pageSize });
      if (page.length === 0) break;
      appendFileSync(this.path, page.map((e) => `${JSON.stringify({ link: chainer.add(e) })}\n`).join(''));
      added += page.length;
      after = page[page.length - 1]!.metadata.globalPosition;
      progress?.(after, head);
    }
    return added;
  }

  /** Signs the witnessed head (call after `update`). */
  checkpoint(service: string, key: KeyObject, at: Date): Checkpoint {
    const { links } = this.read();
    const last = links.at(-1);
    const checkpoint = signCheckpoint({ service, position: last?.position ?? 0, count: links.length, head: last?.global ?? '', at: at.toISOString() }, key);
    appendFileSync(this.path, `${JSON.stringify({ checkpoint })}\n`);
    return checkpoint;
  }
}

/** Every event of a store, as stored, in global order (for verification). */
export async function readEverything(store: EventStore, progress?: (position: number, head: number) => void, pageSize = 10_000): Promise<RecordedEvent[]> {
  const head = await store.headPosition();
  const all: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length === 0) break;
    all.push(...page);
    after = page[page.length - 1]!.metadata.globalPosition;
    progress?.(after, head);
  }
  return all;
}
