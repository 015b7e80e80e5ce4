import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import fs from 'node:fs';

/** The web features that have an index.ts: other features must use them through it. */
const FEATURES_WITH_INDEX = fs
  .readdirSync(new URL('./web/src/features/', import.meta.url), { withFileTypes: true })
  .filter(
    (entry) =>
      entry.isDirectory() && fs.existsSync(new URL(`./web/src/features/${entry.name}/index.ts`, import.meta.url)),
  )
  .map((entry) => entry.name);

const UI_BELOW_FEATURES = {
  regex: '^(\\.\\./)+(features|app)(/|$)',
  message: 'web/src/ui/ is below the features: it imports no feature and no app/ file.',
};

/** Product code never ships a test's fakes. */
const NO_TEST_DOUBLES = {
  regex: '(\\.fake|\\.test|/test\\.render|/test\\.setup)$',
  message: 'Test doubles and test helpers are for tests only.',
};

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
  // Web: app → features → ui (gql/ is generated). Imports are written without extensions.
  {
    // The ui kit knows no feature and no app shell (its tests neither).
    files: ['web/src/ui/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [UI_BELOW_FEATURES] }] },
  },
  {
    files: ['web/src/ui/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/*.fake.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [UI_BELOW_FEATURES, NO_TEST_DOUBLES] }] },
  },
  {
    // A feature uses ui/, gql/ and other features, never the app shell above it (its tests may: they
    // render with the app's cache and theme). A feature with an index.ts is used through it.
    files: ['web/src/features/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/*.fake.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+app(/|$)',
              message:
                'A feature does not import the app shell (web/src/app/): move what it needs to ui/ or a feature.',
            },
            ...(FEATURES_WITH_INDEX.length
              ? [
                  {
                    regex: `^\\.\\./(${FEATURES_WITH_INDEX.join('|')})/(?!index$)`,
                    message: "That feature has an index.ts: use it through '../<feature>' or '../<feature>/index'.",
                  },
                ]
              : []),
            NO_TEST_DOUBLES,
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/app/**/*.{ts,tsx}', 'web/src/main.tsx'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_TEST_DOUBLES] }] },
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
