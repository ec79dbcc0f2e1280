// Closes every Jest run with one plain line, `tests: N passed, N failed, N skipped`, which CI readers that do not
// know Jest's own summary can parse. With RAPPORT_TEST_TALLY naming a file, the counts are also appended to it
// as one JSON line, so .ci/run can close with the total of all its legs (Node 20 and Node 24).
const fs = require('node:fs');

class TallyReporter {
  onRunComplete(_contexts, results) {
    const tally = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    process.stdout.write(`\ntests: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped\n`);
    const file = process.env.RAPPORT_TEST_TALLY;
    if (file) fs.appendFileSync(file, `${JSON.stringify(tally)}\n`);
  }
}

module.exports = TallyReporter;
