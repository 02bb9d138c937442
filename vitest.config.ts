import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Many tests spawn the CLI and write workbooks and Word documents; on a loaded two-core machine
    // some take 4–6 s. Speed is shown by `npm run bench`, not by test timeouts.
    testTimeout: 30_000,
  },
});
