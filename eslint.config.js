import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'web/src/gql/**', 'server/src/migrations/**', '.groundwork/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Decorator-based GraphQL and ORM code names types that exist only for reflection.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  // Layers (README "Code layout"): shared ← platform ← modules ← app / seed / cli.
  // Import specifiers are matched as written (relative, with `.js`).
  {
    files: ['server/src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(modules|app|seed|cli)(/|$)',
              message: 'platform/ is below the modules: it may import shared/ and platform/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.js$)',
              message: "Another module is used through its door only: import '../<module>/index.js'.",
            },
            {
              regex: '^(\\.\\./){2,}modules/',
              message: "Another module is used through its door only: import '../<module>/index.js'.",
            },
            {
              regex: '^(\\.\\./)+(app|seed|cli)(/|$)',
              message: "A module may import platform/, shared/ and other modules' doors, never app/, seed/ or cli/.",
            },
          ],
        },
      ],
    },
  },
  {
    // The CLIs are composition-level, like app/: modules through their doors.
    files: ['server/src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+modules/[^/]+/(?!index\\.js$)',
              message: "A module is used through its door only: import '../modules/<module>/index.js'.",
            },
          ],
        },
      ],
    },
  },
  {
    // The seed is composition-level too, but app/server.ts starts it, so it imports no app/ file
    // (its tests may: they open the database).
    files: ['server/src/seed/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+modules/[^/]+/(?!index\\.js$)',
              message: "A module is used through its door only: import '../modules/<module>/index.js'.",
            },
            {
              regex: '^(\\.\\./)+(app|cli)(/|$)',
              message: 'The seed is started by app/: it imports platform/ and module doors, not app/ or cli/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Web: app → features → ui; the ui kit knows no feature and no app shell.
    files: ['web/src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(features|app)(/|$)',
              message: 'web/src/ui/ is below the features: it imports no feature and no app/ file.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/test/**/*.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
