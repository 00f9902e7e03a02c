import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // .stryker-tmp: npm run mutate's sandbox copy of the repository, while it runs.
    ignores: [
      'dist/**',
      'node_modules/**',
      'out/**',
      'coverage/**',
      'samples/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The dependency rules are CommonJS, as dependency-cruiser loads them.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly' },
    },
  },
  {
    // Small files whose names say what they hold: a source file past 300 lines does two jobs.
    files: ['src/**', 'scripts/**'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    // Tests assert on values they just built; a failed assertion is the error report.
    files: ['__tests__/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
