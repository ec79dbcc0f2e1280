/**
 * What each service of this process does on the bus, as Kafka ACLs need it (OPS-5): the topics it writes (its
 * relay's), the topics it reads and the consumer groups it joins (its topic projections and consumers). Declared by
 * the parts that do it — ServiceHost and BusConsumer — when they are made, so the list cannot drift from the code.
 * Consumers also write the dead-letter topics of what they read; `grantServiceAccess` (platform-kafka) adds those.
 */
export interface DeclaredAccess {
  readonly service: string;
  readonly writes: readonly string[];
  readonly reads: readonly string[];
  readonly groups: readonly string[];
}

interface Sets {
  readonly writes: Set<string>;
  readonly reads: Set<string>;
  readonly groups: Set<string>;
}

const declared = new Map<string, Sets>();

export function declareBusAccess(service: string, access: { readonly writes?: readonly string[]; readonly reads?: readonly string[]; readonly groups?: readonly string[] }): void {
  let sets = declared.get(service);
  if (!sets) declared.set(service, (sets = { writes: new Set(), reads: new Set(), groups: new Set() }));
  for (const topic of access.writes ?? []) sets.writes.add(topic);
  for (const topic of access.reads ?? []) sets.reads.add(topic);
  for (const group of access.groups ?? []) sets.groups.add(group);
}

/** Every service of this process with what it declared, sorted, for operators and for the ACL tooling. */
export function declaredBusAccess(): DeclaredAccess[] {
  return [...declared.entries()]
    .map(([service, s]) => ({ service, writes: [...s.writes].sort(), reads: [...s.reads].sort(), groups: [...s.groups].sort() }))
    .sort((a, b) => a.service.localeCompare(b.service));
}
