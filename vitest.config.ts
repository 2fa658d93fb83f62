import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files that start a child process (the CLI, a killed writer, a snapshot reader on `dist/`, a
 * headless Chromium): `npm run test:unit` (`--mode unit`) leaves them out, `npm test` runs them all.
 * Found with `grep -rlE "spawn|execFile|startCitebot|chromium" tests`.
 */
const CHILD_PROCESS_TESTS = [
  'tests/cli/ask.test.ts',
  'tests/cli/index.test.ts',
  'tests/cli/process-policy.test.ts',
  'tests/core/snapshot.test.ts',
  'tests/discord/cli.test.ts',
  'tests/gaps/cli.test.ts',
  'tests/gaps/html-report.test.ts',
  'tests/quiz/cli.test.ts',
  'tests/slack/cli.test.ts',
  'tests/storage/store.test.ts',
];

/** Unit test files that replace a module (`vi.mock`): they need a module registry of their own. */
const MOCKING_TESTS = ['tests/core/knowledge-boundary.test.ts'];

const test = {
  include: ['tests/**/*.test.ts'],
  testTimeout: 20_000,
  hookTimeout: 20_000,
  // Unhandled rejections fail the run (discord.js parser errors surface only that way).
  dangerouslyIgnoreUnhandledErrors: false,
  coverage: {
    provider: 'v8' as const,
    include: ['src/**/*.ts'],
    reporter: ['text-summary', 'html', 'lcov'],
  },
};

export default defineConfig(({ mode }) =>
  mode === 'unit'
    ? {
        test: {
          coverage: test.coverage,
          // One worker per core: vitest's default leaves one core free, which on a 2-core machine ran
          // every unit file in one worker (27–29 s, all of it CPU in that worker).
          maxWorkers: '100%',
          // The unit files share one module registry (most of their time was importing the NLP model
          // again for each file); the mocking ones keep their own.
          projects: [
            {
              test: {
                ...test,
                name: 'unit',
                exclude: [...configDefaults.exclude, ...CHILD_PROCESS_TESTS, ...MOCKING_TESTS],
                isolate: false,
                // Worker threads rather than processes: cheaper to start; each keeps its one module registry.
                pool: 'threads',
              },
            },
            { test: { ...test, name: 'unit-mocking', include: MOCKING_TESTS } },
          ],
        },
      }
    : { test },
);
