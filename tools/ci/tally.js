// Prints the total of the test runs recorded in the tally file (Jest: tools/jest/tally-reporter.js; the browser
// tests: tools/browser/run.js) as the last
// line of a CI run: `tests: N passed, N failed, N skipped`. A run that recorded no test at all exits non-zero.
const fs = require('node:fs');

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const total = { passed: 0, failed: 0, skipped: 0 };
for (const line of lines) {
  const run = JSON.parse(line);
  for (const key of Object.keys(total)) total[key] += run[key];
}
process.stdout.write(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
if (lines.length === 0 || total.passed === 0 || total.failed > 0) process.exit(1);
