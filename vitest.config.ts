import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Many tests spawn the CLI and write workbooks and Word documents; on a loaded two-core machine
    // some take 4–6 s. Speed is shown by `npm run bench`, not by test timeouts.
    testTimeout: 30_000,
    // The same for the setups that score a quarter before a file's tests (report.test.ts's took
    // more than vitest's 10 s on this machine, also without this branch's changes).
    hookTimeout: 60_000,
  },
});
