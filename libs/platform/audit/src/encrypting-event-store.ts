import {
  personalData,
  replaceAt,
  valueAt,
  type AppendContext,
  type AppendManyOptions,
  type AppendManyResult,
  type AppendOptions,
  type AppendResult,
  type DomainEvent,
  type EventStore,
  type NewEvent,
  type PersonalDataRegistry,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
  type Unsubscribe,
} from '@rapport/platform-eventsourcing';
import { open, seal } from './field-cipher';
import type { KeyVault } from './key-vault';

/** How an encrypted field is stored: the subject in clear (an id, not personal data), the sealed JSON, or null once shredded at birth. */
export interface SealedField {
  readonly $pii: string;
  readonly c: string | null;
}
export const isSealed = (value: unknown): value is SealedField =>
  value !== null && typeof value === 'object' && typeof (value as SealedField).$pii === 'string' && 'c' in (value as object);

/** A sealed envelope reason: `pii:<subject>:<base64>` (empty once shredded at birth). */
const REASON_PREFIX = 'pii:';

const aadOf = (eventId: string, type: string, path: string): string => `${eventId}|${type}|${path}`;

/**
 * A5: the platform's field encryption, around any event-store adapter. Fields declared personal
 * (`declarePersonalData`) are sealed with their subject's key on the way in and opened on the way out, so
 * deciders, projections and the relay see plain events while the store only ever holds ciphertext. Once a
 * subject is erased its key is gone: the fields read as null and `metadata.erasedFields` names them, so
 * replays, deciders and read models keep working.
 *
 * Stream ids that are personal data (`contact-key-phone:+1…`) are stored under a keyed pseudonym of the part
 * after their declared prefix; reading the stream by its real id finds it.
 */
export class EncryptingEventStore implements EventStore {
  /** Pseudonym → real stream id, for answers that name a stream (findCommand); learnt on use. */
  private readonly realIds = new Map<string, string>();

  constructor(
    private readonly inner: EventStore,
    private readonly vault: KeyVault,
    private readonly registry: PersonalDataRegistry = personalData,
  ) {}

  async append<E extends DomainEvent>(streamId: string, events: readonly NewEvent<E>[], options: AppendOptions): Promise<AppendResult> {
    const context = await this.sealReason(options.context, events);
    return this.inner.append(this.stored(streamId), await this.sealAll(events), { ...options, context });
  }

  async appendMany(appends: readonly StreamAppend[], options: AppendManyOptions): Promise<AppendManyResult> {
    const sealed: StreamAppend[] = [];
    for (const a of appends) sealed.push({ ...a, streamId: this.stored(a.streamId), events: await this.sealAll(a.events) });
    const context = await this.sealReason(options.context, appends.flatMap((a) => a.events));
    const result = await this.inner.appendMany(sealed, { ...options, context });
    return { ...result, streams: result.streams.map((s) => ({ ...s, streamId: this.real(s.streamId) })) };
  }

  async readStream<E extends DomainEvent = DomainEvent>(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent<E>[]> {
    const stored = this.stored(streamId);
    const events = await this.inner.readStream<E>(stored, options);
    const opened = await this.openAll(events);
    return stored === streamId ? opened : opened.map((e) => ({ ...e, metadata: { ...e.metadata, streamId } }));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readAll(options));
  }

  async findCommand(commandId: string): Promise<(AppendResult & { streamId: string }) | undefined> {
    const found = await this.inner.findCommand(commandId);
    return found && { ...found, streamId: this.real(found.streamId) };
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  subscribeToAll(options: SubscribeOptions): Unsubscribe {
    return this.inner.subscribeToAll({ ...options, onEvents: async (events) => options.onEvents(await this.openAll(events)) });
  }

  subscribeToStream(streamId: string, options: Omit<SubscribeOptions, 'streamPrefixes'>): Unsubscribe {
    return this.inner.subscribeToStream(this.stored(streamId), { ...options, onEvents: async (events) => options.onEvents(await this.openAll(events)) });
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** The id the store keeps a stream under: itself, or its declared prefix and a keyed pseudonym of the rest. */
  stored(streamId: string): string {
    const prefix = this.registry.pseudonymousPrefixOf(streamId);
    if (prefix === undefined || streamId.startsWith(`${prefix}~`)) return streamId;
    const stored = `${prefix}~${this.vault.pseudonym(streamId.slice(prefix.length))}`;
    if (this.realIds.size > 50_000) this.realIds.clear();
    this.realIds.set(stored, streamId);
    return stored;
  }

  private real(stored: string): string {
    return this.realIds.get(stored) ?? stored;
  }

  /**
   * The envelope's `reason` is what a person typed: personal like any free text. It is sealed with the key of
   * the first subject among the events (one append is one decision about one subject), and left alone when
   * no event has personal fields.
   */
  private async sealReason(context: AppendContext, events: readonly NewEvent[]): Promise<AppendContext> {
    if (context.reason === undefined || context.reason.startsWith(REASON_PREFIX)) return context;
    const subject = events.map((e) => this.subjectOf(e)).find((s) => s !== undefined);
    if (subject === undefined) return context;
    const key = await this.vault.dataKey(subject, true);
    const sealed = key ? seal(key, Buffer.from(context.reason, 'utf8'), `reason|${subject}`).toString('base64') : '';
    return { ...context, reason: `${REASON_PREFIX}${subject}:${sealed}` };
  }

  private subjectOf(event: NewEvent): string | undefined {
    const [group] = this.registry.groups(event.type).filter((g) => g.fields.length > 0);
    const subject = group && valueAt(event.data, group.subject ?? 'customerId');
    return typeof subject === 'string' && subject !== '' ? subject : undefined;
  }

  private async openReason(reason: string | undefined, erased: string[]): Promise<string | undefined> {
    if (reason === undefined || !reason.startsWith(REASON_PREFIX)) return reason;
    const rest = reason.slice(REASON_PREFIX.length);
    const colon = rest.lastIndexOf(':');
    const subject = rest.slice(0, colon);
    const key = colon > 0 && rest.length > colon + 1 ? await this.vault.dataKey(subject, false) : null;
    if (!key) {
      erased.push('metadata.reason');
      return undefined;
    }
    return open(key, Buffer.from(rest.slice(colon + 1), 'base64'), `reason|${subject}`).toString('utf8');
  }

  private async sealAll<E extends DomainEvent>(events: readonly NewEvent<E>[]): Promise<NewEvent<E>[]> {
    const out: NewEvent<E>[] = [];
    for (const event of events) out.push(await this.sealOne(event));
    return out;
  }

  private async sealOne<E extends DomainEvent>(event: NewEvent<E>): Promise<NewEvent<E>> {
    let data: unknown = event.data;
    for (const group of this.registry.groups(event.type)) {
      const subject = valueAt(data, group.subject ?? 'customerId');
      if (typeof subject !== 'string' || subject === '') throw new Error(`${event.type}: no data subject at ${group.subject ?? 'customerId'}`);
      const key = await this.vault.dataKey(subject, true);
      data = await replaceAt(data, group.fields, async (path, value): Promise<SealedField> => {
        if (isSealed(value)) return value;
        // An erased subject's personal data is shredded at birth: the event is kept, the field is not.
        if (!key) return { $pii: subject, c: null };
        return { $pii: subject, c: seal(key, Buffer.from(JSON.stringify(value), 'utf8'), aadOf(event.eventId, event.type, path)).toString('base64') };
      });
    }
    return data === event.data ? event : { ...event, data: data as E['data'] };
  }

  private async openAll<E extends DomainEvent>(events: readonly RecordedEvent<E>[]): Promise<RecordedEvent<E>[]> {
    const out: RecordedEvent<E>[] = [];
    for (const event of events) out.push(await this.openOne(event));
    return out;
  }

  private async openOne<E extends DomainEvent>(event: RecordedEvent<E>): Promise<RecordedEvent<E>> {
    const groups = this.registry.groups(event.type);
    const erased: string[] = [];
    let data: unknown = event.data;
    for (const group of groups) {
      data = await replaceAt(data, group.fields, async (path, value) => {
        if (!isSealed(value)) return value;
        const key = value.c === null ? null : await this.vault.dataKey(value.$pii, false);
        if (!key || value.c === null) {
          erased.push(path);
          return null;
        }
        return JSON.parse(open(key, Buffer.from(value.c, 'base64'), aadOf(event.metadata.eventId, event.type, path)).toString('utf8'));
      });
    }
    const reason = await this.openReason(event.metadata.reason, erased);
    if (data === event.data && erased.length === 0 && reason === event.metadata.reason) return event;
    const { reason: _stored, ...rest } = event.metadata;
    const metadata = { ...rest, ...(reason === undefined ? {} : { reason }), ...(erased.length > 0 ? { erasedFields: erased } : {}) };
    return { ...event, data: data as E['data'], metadata };
  }
}
