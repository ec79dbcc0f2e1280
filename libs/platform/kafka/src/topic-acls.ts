import type { KafkaBusConfig } from './kafka-bus.config';
import { kafkaClient } from './kafka-client';

/** What one service may do on the bus: write its own topics, read what it consumes, in its own groups. */
export interface ServiceAccess {
  /** The SASL user, as Kafka names it: `User:customers`. */
  readonly principal: string;
  /** Topics the service publishes (its relay). Their dead-letter topics are not included: consumers write those. */
  readonly writes: readonly string[];
  /** Topics the service consumes; it may also write their dead-letter topics (`<topic>.dlq`). */
  readonly reads: readonly string[];
  /** Consumer groups the service joins (its topic projections' and consumers' names). */
  readonly groups: readonly string[];
}

// Kafka's protocol codes (ResourceTypes, AclOperations, AclPermissionTypes, ResourcePatternTypes of the client).
const TOPIC = 2;
const GROUP = 3;
const LITERAL = 3;
const ALLOW = 3;
const READ = 3;
const WRITE = 4;
const DESCRIBE = 8;

/**
 * Creates the ACLs of one service with an admin credential (the `admin` super user of `kafka.sh` with
 * KAFKA_SECURE=1, or an operator's). With the StandardAuthorizer and `allow.everyone.if.no.acl.found=false`,
 * anything not granted here is refused: another service's topic cannot be written, nor a foreign group joined.
 * Idempotent writes need no cluster grant (Kafka ≥ 3.0: WRITE on any topic implies IDEMPOTENT_WRITE).
 */
export async function grantServiceAccess(admin: KafkaBusConfig, access: ServiceAccess): Promise<void> {
  const allow = (resourceType: number, resourceName: string, operation: number) => ({
    resourceType, resourceName, resourcePatternType: LITERAL, principal: access.principal, host: '*', operation, permissionType: ALLOW,
  });
  const creations = [
    ...access.writes.flatMap((topic) => [allow(TOPIC, topic, WRITE), allow(TOPIC, topic, DESCRIBE)]),
    ...access.reads.flatMap((topic) => [allow(TOPIC, topic, READ), allow(TOPIC, topic, DESCRIBE), allow(TOPIC, `${topic}.dlq`, WRITE), allow(TOPIC, `${topic}.dlq`, DESCRIBE)]),
    ...access.groups.map((group) => allow(GROUP, group, READ)),
  ];
  const { Admin } = kafkaClient();
  const client = new Admin({ clientId: `${admin.clientId}-acls`, bootstrapBrokers: [...admin.brokers], ...admin.connection });
  try {
    await client.createAcls({ creations: creations as Parameters<typeof client.createAcls>[0]['creations'] });
  } finally {
    await client.close().catch(() => undefined);
  }
}
