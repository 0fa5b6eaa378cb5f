// node:test reporter that closes the run with one plain line, "N passed, N failed", as the
// server's vitest reporter does (CI reads the closing line). Plain JavaScript: the test
// runner loads reporters before any TypeScript loader.
/** @param {AsyncIterable<{ type: string; data: { details?: { type?: string } } }>} source */
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  for await (const event of source) {
    // Suites (describe) report too; count the tests inside them.
    if (event.type === "test:pass" && event.data.details?.type !== "suite") passed++;
    if (event.type === "test:fail" && event.data.details?.type !== "suite") failed++;
  }
  yield `${passed} passed, ${failed} failed\n`;
}
