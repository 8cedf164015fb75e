// Prints the suite's closing line in the plain form CI reads ("N passed, N failed, N skipped")
// from the JSON report `npm test` asks vitest to write. Exits 0: the test command keeps vitest's status.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`test summary: no vitest report at ${file}`);
} else {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
