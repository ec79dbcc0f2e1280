import { PostgresEventStore } from '@rapport/platform-postgres';
import { postgresUrl, processorConformance } from '@rapport/platform-testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

let url: string;
beforeAll(async () => {
  url = await postgresUrl();
}, 120_000);

processorConformance('PostgreSQL', () => {
  const schema = `proc_test_${randomBytes(6).toString('hex')}`;
  const open = (): Promise<PostgresEventStore> => PostgresEventStore.open(url, { schema, pollIntervalMs: 50, poolSize: 3 });
  let current: PostgresEventStore | undefined;
  return {
    open: async () => (current = await open()),
    reopen: async () => {
      await current?.close();
      return (current = await open());
    },
    cleanup: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
});
