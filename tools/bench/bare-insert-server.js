// The reference for "commands under load" (issue 7, item 9): a bare Nest endpoint that does one durable
// SQLite insert per request — better-sqlite3, WAL, synchronous=FULL (one fsync per commit), no event store,
// no auth, no validation. Started in its own process by commands-under-load.js: PORT, DATA_DIR.
require('reflect-metadata');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const { Body, Controller, HttpCode, Module, Post } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');

const db = new Database(join(process.env.DATA_DIR, 'bare.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, phone TEXT NOT NULL UNIQUE, body TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO customers (name, phone, body) VALUES (?, ?, ?)');

class BareController {
  create(body) {
    const { lastInsertRowid } = insert.run(body.name, body.phone, JSON.stringify(body));
    return { id: Number(lastInsertRowid) };
  }
}
// Plain JavaScript: the decorators applied by hand.
Controller('customers')(BareController);
Reflect.decorate([Post(), HttpCode(201)], BareController.prototype, 'create', Object.getOwnPropertyDescriptor(BareController.prototype, 'create'));
Body()(BareController.prototype, 'create', 0);

class BareModule {}
Module({ controllers: [BareController] })(BareModule);

NestFactory.create(BareModule, { logger: ['error'] })
  .then((app) => app.listen(Number(process.env.PORT), '127.0.0.1'))
  .catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
