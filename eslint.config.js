// ESLint for the whole tree (`npm run lint`, part of `npm test`): the recommended
// rules of ESLint and typescript-eslint everywhere, Lit's and web components'
// where the element and its tests live. A rule is turned off here, with its
// reason, never inline in a source file.
import { fileURLToPath } from 'node:url';
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const BROWSER = ['src/element/**', 'src/sw/register/**', 'test/element/**', 'test/sw/browser/**'];
// web-test-runner's middleware and plugins: Node, beside the browser tests they serve.
const TEST_SERVERS = ['test/element/support/*.mjs', 'test/sw/browser/support/*.mjs'];

export default defineConfig(
  // What git ignores (dist/, build/, test results) is output, not source.
  includeIgnoreFile(fileURLToPath(new URL('.gitignore', import.meta.url))),
  globalIgnores(['demo/photos/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'photo-frame/choices',
    // Rules are chosen here, for every file: a comment in a source file cannot turn one off.
    linterOptions: { noInlineConfig: true },
    rules: {
      // `_`-named parameters and `const { omitted: _, ...rest }` copies are unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    name: 'photo-frame/node',
    files: ['**/*.{js,mjs,ts}'],
    ignores: BROWSER,
    languageOptions: { globals: globals.node },
  },
  {
    name: 'photo-frame/test-servers',
    files: TEST_SERVERS,
    languageOptions: { globals: globals.node },
  },
  {
    name: 'photo-frame/browser',
    files: BROWSER,
    ignores: TEST_SERVERS,
    languageOptions: { globals: { ...globals.browser, ...globals.mocha } },
  },
  {
    name: 'photo-frame/terminal-output',
    files: ['test/cli/progress-reporter.test.ts'],
    rules: {
      // The progress bar is drawn with terminal escapes (ESC [2K): the test matches them.
      'no-control-regex': 'off',
    },
  },
  {
    name: 'photo-frame/browser-tests',
    files: ['test/element/**/*.test.ts', 'test/sw/browser/**/*.test.ts'],
    rules: {
      // Chai's property assertions (`expect(x).to.be.true`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    name: 'photo-frame/service-worker',
    files: ['src/sw/**', 'test/sw/browser/support/test-worker.js'],
    ignores: ['src/sw/register/**'],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    name: 'photo-frame/element',
    files: ['src/element/**/*.ts', 'test/element/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/best-practice']],
    settings: { wc: { elementBaseClasses: ['LitElement'] } },
    rules: {
      // LitElement implements every lifecycle callback: an unguarded super call is safe, unlike on HTMLElement.
      'wc/guard-super-call': 'off',
    },
  },
);
