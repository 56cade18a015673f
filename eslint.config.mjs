// ESLint 9 flat config: typescript-eslint's recommended rules with type information, React's hooks
// rules for the renderer, and the one layering rule a type-checker cannot express: analyzers/ is pure
// analysis code that runs in workers, child processes and the CLI, so no DOM, React or Electron there.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Node's globals for the plain .mjs/.js scripts (the TypeScript files get theirs from the type-checker). */
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'structuredClone', 'TextDecoder', 'TextEncoder', 'AbortController', 'globalThis'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-artifacts/', 'bench/data/', 'aftermath-demo/', 'aftermath-report/', '.vite/', 'samples/heap/ts_game_server/js/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The first project that includes a file types it: analyzers/ and cli/ without the DOM, then the
        // renderer and e2e with it, then electron/ against electron.d.ts.
        project: ['./tsconfig.node.json', './tsconfig.json', './tsconfig.electron.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // tsc's noUnusedLocals/noUnusedParameters already let a leading underscore mark a value kept on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Off: stubs and adapters that implement a Promise-returning interface read best as `async`; the
      // hazards of promises (dropped or misused ones) are what no-floating-promises/no-misused-promises catch.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  {
    // The detached-DOM sample: a page run in Chromium, and the script whose page.evaluate callbacks run there.
    files: ['samples/heap/detached_dom/*.{js,mjs}'],
    languageOptions: { globals: { ...nodeGlobals, document: 'readonly', window: 'writable' } },
  },
  {
    // The page's listeners write archivedClicks only so their closures keep the detached <li> alive:
    // that is the leak the recorded snapshot holds, so the sample keeps it as recorded.
    files: ['samples/heap/detached_dom/chat.js'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    // vitest's asymmetric matchers (expect.stringMatching, expect.objectContaining) are typed `any`.
    files: ['**/*.test.ts', '**/tests/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'e2e/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['analyzers/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement'].map((name) => ({
          name,
          message: 'analyzers/ runs outside the browser (worker, child process, CLI): keep DOM access in renderer/.',
        })),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'analyzers/ is UI-free: React belongs in renderer/.' },
            { group: ['electron', 'electron/*'], message: 'analyzers/ is host-free: Electron belongs in electron/.' },
            { group: ['**/renderer/**', '**/electron/**', '**/cli/**'], message: 'analyzers/ never imports its hosts (cli/, electron/, renderer/).' },
          ],
        },
      ],
    },
  },
);
