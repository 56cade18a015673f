import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['analyzers/**/*.test.ts', 'scripts/**/*.test.ts', 'electron/**/*.test.ts', 'cli/**/*.test.ts', 'renderer/**/*.test.ts', 'samples/**/*.test.ts'],
    environment: 'node',
    // The CLI the tests spawn runs from the TypeScript sources, not from a dist/ bundle of some earlier state.
    env: { AFTERMATH_FROM_SOURCES: '1' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
