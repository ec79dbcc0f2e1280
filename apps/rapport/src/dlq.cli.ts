import 'reflect-metadata';
import { CUSTOMERS_TOPIC } from '@rapport/customers-contracts';
import { DIRECTORY_TOPIC } from '@rapport/directory-contracts';
import { KafkaDeadLetterLog, kafkaBusConfigFromEnv } from '@rapport/platform-kafka';
import { InProcessBus } from '@rapport/platform-messaging';
import { loadEnvironment } from '@rapport/platform-nest';
import { CUSTOMERS_TIMERS_TOPIC, SCHEDULER_TOPIC } from '@rapport/scheduler-contracts';
import { FEEDBACK_ANSWERS_TOPIC, FEEDBACK_TIMERS_TOPIC, FEEDBACK_TOPIC } from '@rapport/feedback-contracts';
import { COMPLAINTS_INTAKE_TOPIC, COMPLAINTS_TIMERS_TOPIC, COMPLAINTS_TOPIC } from '@rapport/complaints-contracts';
import { SALES_GATING_CHECK_REPLIES_TOPIC, SALES_GATING_CHECKS_TOPIC, SALES_GATING_TOPIC } from '@rapport/sales-gating-contracts';
import { join } from 'node:path';
import { runDlqCommand, type DeadLetterLog } from './dlq-command';

/**
 * Dead letters on the bus the environment selects:
 *   npm run dlq -- list
 *   npm run dlq -- show 'customers-directory-copy/rapport.directory.v1/0/12'
 *   npm run dlq -- replay 'customers-directory-copy/rapport.directory.v1/0/12'
 */
async function open(): Promise<DeadLetterLog> {
  const env = loadEnvironment(process.env, { engines: false });
  if (env.busEngine === 'kafka') return new KafkaDeadLetterLog(kafkaBusConfigFromEnv(process.env, 'rapport-dlq'));
  const bus = InProcessBus.open(join(env.DATA_DIR, 'bus.sqlite'));
  return { read: (topic) => bus.read(topic, 0, 1_000_000), publish: (messages) => bus.publish(messages), ensureTopic: async () => undefined, close: () => bus.close() };
}

void runDlqCommand(process.argv.slice(2), open, [
  CUSTOMERS_TOPIC,
  DIRECTORY_TOPIC,
  SCHEDULER_TOPIC,
  CUSTOMERS_TIMERS_TOPIC,
  FEEDBACK_TOPIC,
  FEEDBACK_ANSWERS_TOPIC,
  FEEDBACK_TIMERS_TOPIC,
  COMPLAINTS_TOPIC,
  COMPLAINTS_INTAKE_TOPIC,
  COMPLAINTS_TIMERS_TOPIC,
  SALES_GATING_TOPIC,
  SALES_GATING_CHECKS_TOPIC,
  SALES_GATING_CHECK_REPLIES_TOPIC,
], () => new Date()).then(
  (result) => {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
