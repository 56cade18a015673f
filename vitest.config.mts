import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['analyzers/**/*.test.ts', 'scripts/**/*.test.ts', 'electron/**/*.test.ts', 'cli/**/*.test.ts', 'renderer/**/*.test.ts', 'samples/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
