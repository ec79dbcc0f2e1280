import { readFileSync } from 'node:fs';
import type { KafkaConnectionOptions } from './kafka-client';

export interface KafkaConsumerTuning {
  /** The broker drops a member that sent no heartbeat for this long. Heartbeats run on a timer, not between messages. */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** How long the coordinator waits for members to rejoin during a rebalance. */
  readonly rebalanceTimeoutMs?: number;
  /** Fetched but unhandled messages held in memory before the fetch loop pauses. */
  readonly maxBufferedMessages?: number;
  /** Commit a busy partition at least every this many handled messages (an idle one is committed at once). */
  readonly commitEvery?: number;
  /** First delay before reconnecting a consumer whose stream failed (broker gone); doubles up to 5 s. */
  readonly reconnectDelayMs?: number;
}

export interface KafkaBusConfig {
  /** Bootstrap servers, `host:port`. */
  readonly brokers: readonly string[];
  /** Names this service in broker logs and quotas. */
  readonly clientId: string;
  /** Defaults for {@link TopicSpec}s that leave them out. */
  readonly defaultPartitions?: number;
  readonly defaultReplicationFactor?: number;
  /** Passed unchanged to every client: `tls`, `sasl` ({ mechanism, username, password }), `connectTimeout`, `requestTimeout`. */
  readonly connection?: KafkaConnectionOptions;
  /** Client-level retries of one request (the relay retries a failed publish on top). */
  readonly retries?: number;
  readonly retryDelayMs?: number;
  /** A publish is split into produce requests of at most about this many bytes (below the broker's 1 MiB default). */
  readonly maxRequestBytes?: number;
  readonly consumer?: KafkaConsumerTuning;
  readonly logger?: Pick<Console, 'warn' | 'error'>;
}

export const CONSUMER_DEFAULTS: Required<KafkaConsumerTuning> = {
  sessionTimeoutMs: 10_000,
  heartbeatIntervalMs: 1_000,
  rebalanceTimeoutMs: 30_000,
  maxBufferedMessages: 500,
  commitEvery: 100,
  reconnectDelayMs: 500,
};

/**
 * The bus configuration from the environment: `KAFKA_BROKERS` (comma-separated), `KAFKA_CLIENT_ID`,
 * `KAFKA_TOPIC_PARTITIONS`, `KAFKA_TOPIC_REPLICATION_FACTOR`, and, when set, `KAFKA_SASL_MECHANISM`
 * (`PLAIN`, `SCRAM-SHA-256`, `SCRAM-SHA-512`) with `KAFKA_SASL_USERNAME` / `KAFKA_SASL_PASSWORD`, and `KAFKA_TLS=1`
 * (with `KAFKA_TLS_CA_FILE` for a private CA).
 */
export function kafkaBusConfigFromEnv(env: NodeJS.ProcessEnv, clientId: string): KafkaBusConfig {
  const brokers = (env['KAFKA_BROKERS'] ?? '').split(',').map((broker) => broker.trim()).filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set (comma-separated host:port list)');
  const number = (name: string): number | undefined => (env[name] ? Number(env[name]) : undefined);
  const mechanism = env['KAFKA_SASL_MECHANISM'];
  const connection = {
    ...(mechanism
      ? { sasl: { mechanism, username: env['KAFKA_SASL_USERNAME'] ?? '', password: env['KAFKA_SASL_PASSWORD'] ?? '' } }
      : {}),
    // A private CA (KAFKA_TLS_CA_FILE, e.g. kafka.sh's secure/ca.pem) or the system's trusted roots.
    ...(env['KAFKA_TLS'] === '1' ? { tls: env['KAFKA_TLS_CA_FILE'] ? { ca: readFileSync(env['KAFKA_TLS_CA_FILE']) } : {} } : {}),
  } as KafkaConnectionOptions;
  return {
    brokers,
    clientId: env['KAFKA_CLIENT_ID'] ?? clientId,
    defaultPartitions: number('KAFKA_TOPIC_PARTITIONS'),
    defaultReplicationFactor: number('KAFKA_TOPIC_REPLICATION_FACTOR'),
    connection,
  };
}
