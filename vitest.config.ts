import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Many tests spawn the CLI and write workbooks and Word documents; on a loaded two-core machine
    // some take 4–6 s. Speed is shown by `npm run bench`, not by test timeouts.
    testTimeout: 30_000,
    // A file's beforeAll may score several sample quarters through the CLI first (the year's test
    // scores four): 10 s, vitest's default, is too short for that on a loaded machine.
    hookTimeout: 60_000,
  },
});
