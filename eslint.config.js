// ESLint flat config: the recommended sets of ESLint and typescript-eslint (type-aware, so that a
// dropped promise or a value used unparsed is caught), tuned to this code base. Formatting is
// Prettier's job (.prettierrc.json): no stylistic rules here. Why these tools: docs/design/tooling.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

/** Tuning of the recommended sets for the whole tree; each entry says why. */
const houseRules = {
  // node:test's test()/describe() return promises that the runner itself awaits.
  '@typescript-eslint/no-floating-promises': [
    'error',
    { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
  ],
  // `_name` marks a value left out on purpose (a destructured field dropped from a copy, an unused callback argument).
  '@typescript-eslint/no-unused-vars': [
    'error',
    {
      argsIgnorePattern: '^_',
      varsIgnorePattern: '^_',
      destructuredArrayIgnorePattern: '^_',
      caughtErrors: 'none',
      ignoreRestSiblings: true,
    },
  ],
  // An async function without await is how a Promise-returning port is met by synchronous code (sysfs reads,
  // a hash digest, test fakes): a throw still becomes a rejection.
  '@typescript-eslint/require-await': 'off',
  // Messages show values of unknown type on purpose (parsed input, error causes) with String(); their wording is tested.
  '@typescript-eslint/no-base-to-string': 'off',
};

const recommended = [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked];

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', '.tmp/', 'test/fixtures/'] },
  ...recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: houseRules,
  },
  {
    // Tests read JSON answers (JSON.parse gives `any`) and poke at them: the assertion is the check. Their
    // stand-in servers take async handlers, where a rejection fails the test anyway.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // Assertions match printed text, where two spaces are what the output has.
      'no-regex-spaces': 'off',
    },
  },
  {
    // Plain JavaScript (scripts, bin, test hooks) is outside tsconfig: linted without types.
    files: ['**/*.{js,mjs,cjs}', 'bin/gs-agent-config'],
    ...tseslint.configs.disableTypeChecked,
  },
);
