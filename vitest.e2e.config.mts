import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    // The CLI the tests spawn runs from the TypeScript sources, not from a dist/ bundle of some earlier state.
    env: { AFTERMATH_FROM_SOURCES: '1' },
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
