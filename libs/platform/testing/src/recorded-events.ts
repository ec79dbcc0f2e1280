import type { Actor, DomainEvent, RecordedEvent } from '@rapport/platform-eventsourcing';

export const testActor: Actor = { id: 'user-test', kind: 'user', roles: ['manager'] };

/** Turns domain events into recorded ones with consecutive positions, for projection specs. */
export function recordedEvents(
  entries: readonly { readonly streamId: string; readonly event: DomainEvent; readonly at?: string }[],
  startPosition = 1,
): RecordedEvent[] {
  const versions = new Map<string, number>();
  return entries.map(({ streamId, event, at }, index) => {
    const streamVersion = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, streamVersion);
    const position = startPosition + index;
    return {
      type: event.type,
      data: event.data,
      metadata: {
        eventId: `event-${position}`,
        streamId,
        streamVersion,
        globalPosition: position,
        recordedAt: at ?? new Date(Date.UTC(2026, 0, 1, 0, 0, position)).toISOString(),
        actor: testActor,
        via: 'api',
        correlationId: `correlation-${position}`,
        causationId: `command-${position}`,
        commandId: `command-${position}`,
      },
    };
  });
}
