import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

// Each folder of the core may import only the folders after it in this list (a port is declared by
// the code that uses it; storage implements the ports of bot, gaps and quiz and is wired in by app.ts).
// gaps sits under bot (which reports gaps) and over quiz (whose Actor, Place and leaderboard it reads).
const order = ['bot', 'gaps', 'quiz', 'search', 'knowledge', 'text'];
const layers = [
  { target: './src/core', from: './src/adapters', message: 'the core imports no adapter' },
  ...order.map((folder, i) => ({
    target: `./src/core/${folder}`,
    from: [...order.slice(0, i), 'storage'].filter((f) => f !== folder).map((f) => `./src/core/${f}`),
    message: `core/${folder} may import only ${order.slice(i + 1).join(', ') || 'no other folder'} (one-way layers)`,
  })),
];

// Another folder is entered only through its index.ts (issue #14; `npx tsx scripts/entry-imports.ts` fixes it).
const folders = [...order, 'storage'].join('|');
const entryOnly = (regex) => [
  'error',
  { patterns: [{ regex, message: 'import another core folder through its index.js (npx tsx scripts/entry-imports.ts)' }] },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'scratch/', 'bin/', 'eslint.config.js', 'vitest.config.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Promises the code forgets are the crashes and hangs of issue #13.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Folders depend one way: adapters → app → bot → quiz, search → knowledge → text.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layers }],
    },
  },
  { files: ['src/core/**/*.ts'], rules: { 'no-restricted-imports': entryOnly(`^\\.\\.?/(${folders})/(?!index\\.js$)[^/]+\\.js$`) } },
  { files: ['src/adapters/**/*.ts'], rules: { 'no-restricted-imports': entryOnly(`/core/(${folders})/(?!index\\.js$)[^/]+\\.js$`) } },
);
