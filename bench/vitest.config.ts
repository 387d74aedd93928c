import { defineConfig } from 'vitest/config';

// The bench's unit tests: npx vitest run --config bench/vitest.config.ts
// (the project's vitest.config.ts does not include bench/ yet).
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: { include: ['bench/**/*.test.ts'] },
});
