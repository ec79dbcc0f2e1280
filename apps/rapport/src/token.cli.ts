import 'reflect-metadata';
import { runTokenCommand } from './token-command';

/**
 * Prints a development bearer token signed with this installation's secret:
 *   npm run token -- --sub rep-ana --roles rep --team east --manager manager-max
 *   npm run token -- --help
 */
const result = runTokenCommand(process.argv.slice(2), process.env);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
