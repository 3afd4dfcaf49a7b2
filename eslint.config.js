// ESLint (flat config): typescript-eslint, React hooks and JSX accessibility, with no warnings
// allowed (`npm run lint` = `eslint . --max-warnings=0` then `tsc --noEmit`; CI runs it after the tests).
// Each rule turned off or changed here says why.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'build/',
      'public/build/',
      '.cache/',
      'test-results/',
      'data/',
      '.bench-tmp/',
      '.scratch*/',
      'node_modules/',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      // app/ runs on both sides (routes render on the server and hydrate in the browser).
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      // A server's handler may refer to state made once the server listens (`let fake!: …`, assigned
      // once after listen()): such a variable cannot be a const at its declaration.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `const { svg: _svg, ...rest } = x` and `(_event, value) => …` name what is deliberately
      // dropped; a leading underscore says so.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // React code lives in app/ only. Elsewhere `use…` names are test fixtures (useTestDatabase,
    // useBrowserApp register vitest hooks), which the rules of hooks would misread as React hooks.
    files: ['app/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['app/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A table that scrolls on its own is a labelled role="region" with tabIndex=0, so keyboard
      // users can scroll it (WCAG 2.1.1; axe's scrollable-region-focusable).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: [], roles: ['tabpanel', 'region'] }],
      // Our labels wrap their control and name it inside nested spans (name, then details).
      'jsx-a11y/label-has-associated-control': ['error', { depth: 4 }],
    },
  },
  {
    // Remix's ambient type file: `/// <reference types>` is how it pulls in the framework's globals.
    files: ['remix.env.d.ts'],
    rules: { '@typescript-eslint/triple-slash-reference': 'off' },
  },
  {
    // Tests read JSON answers as `any` and then assert their shape with expect(); typing every
    // answer in the test itself would restate the contract the test checks.
    files: ['tests/**/*.ts', '**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
