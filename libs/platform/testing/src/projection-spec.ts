import { ProjectionRunner, type Projection, type ReadModelStore, type RecordedEvent } from '@rapport/platform-eventsourcing';
import { SqliteEventStore, SqliteReadModelStore } from '@rapport/platform-sqlite';

/**
 * Given-When-Then for projections: the given events are appended to an in-memory store and run through
 * the real runner (batches, checkpoint), then the assertion reads the read model through the port.
 */
export async function projectionSpec(
  projection: Projection,
  given: readonly RecordedEvent[],
  then: (readModels: ReadModelStore) => Promise<void>,
): Promise<void> {
  const events = SqliteEventStore.open(':memory:');
  const readModels = SqliteReadModelStore.open(':memory:');
  try {
    for (const event of given) {
      await events.append(event.metadata.streamId, [{ eventId: event.metadata.eventId, type: event.type, data: event.data }], {
        expectedVersion: 'any',
        context: { ...event.metadata },
      });
    }
    await new ProjectionRunner(events, readModels, projection).catchUp();
    await then(readModels);
  } finally {
    await events.close();
    await readModels.close();
  }
}
