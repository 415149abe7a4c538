// ESLint: typescript-eslint's type-checked recommendations, with formatting left to Prettier.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', '.tmp/', 'node_modules/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      // Methods that implement a Promise-returning port stay async without awaiting: an async function turns a
      // synchronous throw into a rejection, which is what every caller of a port handles.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS by necessity: jest loads its reporters with require(), and node -r loads the TypeScript hook.
    files: ['**/*.cjs', 'test/support/totalsReporter.js', 'test/support/findingsReporter.js', 'test/support/registerTypeScript.js', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Scripts the browser runs as they are (no build step): plain ES2020 with the browser's globals.
    files: ['adapters/**/browser/*.js'],
    languageOptions: { sourceType: 'script', ecmaVersion: 2020, globals: { ...globals.browser } },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    // jest's asymmetric matchers (expect.any, expect.stringContaining, …) are typed `any`.
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  prettier,
);
