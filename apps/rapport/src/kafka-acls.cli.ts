import 'reflect-metadata';
import { grantServiceAccess, kafkaBusConfigFromEnv } from '@rapport/platform-kafka';
import type { DeclaredAccess } from '@rapport/platform-nest';
import { parseArgs } from 'node:util';

/**
 * OPS-5: grants a running service's Kafka user exactly what the service declares it does on the bus
 * (`GET /admin/bus-access`: topics it writes, topics it reads, groups it joins), with an admin credential:
 *
 *   KAFKA_BROKERS=… KAFKA_SASL_MECHANISM=SCRAM-SHA-512 KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD=… KAFKA_TLS=true \
 *   npm run kafka-acls -- --from http://customers:3000 --token "$ADMIN_TOKEN" --principal User:customers [--dry-run]
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, token: { type: 'string' }, principal: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  if (!values.from || !values.token || !values.principal) throw new Error('usage: kafka-acls --from <service URL> --token <admin token> --principal User:<name> [--dry-run]');
  const response = await fetch(new URL('/admin/bus-access', values.from), { headers: { authorization: `Bearer ${values.token}` } });
  if (!response.ok) throw new Error(`${values.from}/admin/bus-access answered ${response.status}`);
  const declared = (await response.json()) as DeclaredAccess[];
  const union = (pick: (a: DeclaredAccess) => readonly string[]): string[] => [...new Set(declared.flatMap(pick))].sort();
  const access = { principal: values.principal, writes: union((a) => a.writes), reads: union((a) => a.reads), groups: union((a) => a.groups) };
  process.stdout.write(`${JSON.stringify(access, null, 2)}\n`);
  if (values['dry-run']) return;
  await grantServiceAccess(kafkaBusConfigFromEnv(process.env, 'rapport-kafka-acls'), access);
  process.stdout.write(`granted to ${access.principal}: write ${access.writes.length} topics, read ${access.reads.length}, join ${access.groups.length} groups\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`kafka-acls: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
