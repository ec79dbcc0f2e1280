import 'reflect-metadata';
import { runAuditCommand } from './audit-command';

/**
 * The auditor's CLI (A1–A7) on DATA_DIR:
 *   npm run rapport -- history <customerId> [--from … --to … --service … --type … --actor …]
 *   npm run rapport -- export <customerId> --format csv --out her.csv
 *   npm run rapport -- verify her.csv          npm run rapport -- verify --store customers
 */
void runAuditCommand(process.argv.slice(2), process.env, (line) => process.stderr.write(`\r\x1b[2K${line}`)).then(
  (result) => {
    process.stderr.write('\r\x1b[2K');
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.code;
  },
  (error: unknown) => {
    process.stderr.write(`\n${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
