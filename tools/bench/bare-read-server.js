// The reference for the gate-check row (issue 12): a bare Nest endpoint that reads one SQLite row per request —
// better-sqlite3, WAL, a table of BENCH_ROWS customers with a status, no auth, no validation. Started in its own
// process by gate-checks.js: PORT, DATA_DIR, BENCH_ROWS.
require('reflect-metadata');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const { Body, Controller, HttpCode, Module, Post } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');

const db = new Database(join(process.env.DATA_DIR, 'bare-read.sqlite'));
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS gates (customer_id TEXT PRIMARY KEY, status TEXT NOT NULL) WITHOUT ROWID');
const rows = Number(process.env.BENCH_ROWS ?? 1000);
db.transaction(() => {
  const put = db.prepare('INSERT OR REPLACE INTO gates (customer_id, status) VALUES (?, ?)');
  for (let i = 0; i < rows; i++) put.run(`c-${i}`, 'OPEN');
})();
const read = db.prepare('SELECT status FROM gates WHERE customer_id = ?');

class BareChecks {
  check(body) {
    const row = read.get(body.customerId);
    return { allowed: row?.status === 'OPEN', status: row?.status ?? null };
  }
}
Controller('checks')(BareChecks);
Reflect.decorate([Post(), HttpCode(200)], BareChecks.prototype, 'check', Object.getOwnPropertyDescriptor(BareChecks.prototype, 'check'));
Body()(BareChecks.prototype, 'check', 0);

class BareModule {}
Module({ controllers: [BareChecks] })(BareModule);

NestFactory.create(BareModule, { logger: ['error'] })
  .then((app) => app.listen(Number(process.env.PORT), '127.0.0.1'))
  .catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
