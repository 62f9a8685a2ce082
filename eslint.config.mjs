// typescript-eslint's recommended rules over our sources; formatting is Prettier's job.
// The last blocks enforce ARCHITECTURE.md's "may import" table (the layer boundaries).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.tsbuild/**',
      'node_modules/**',
      '.tools/**',
      'test/e2e/.work/**',
      'bench/.data/**',
      'server/src/core/schema/generated/**',
      '**/*.d.ts',
      '.*/**',
      '.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        NodeJS: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },

  {
    // The core is pure: no editor, no LSP, no file system or processes, nothing of the layers above it.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process'].map(
            (name) => ({ name, message: 'server/src/core/ is pure: no file system or processes.' }),
          ),
          patterns: [
            { group: ['vscode', 'vscode-*'], message: 'server/src/core/ has no editor or LSP dependency.' },
            {
              group: ['**/languageserver/**', '**/cli/**', '**/shared/**'],
              message: 'server/src/core/ imports nothing from the layers above it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The language server and the CLI see the core only through its one entry point.
    files: ['server/src/languageserver/**/*.ts', 'server/src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)core/(?!index$).+',
              message: 'Import the core only through server/src/core/index.ts (the analysis API).',
            },
          ],
        },
      ],
    },
  },
  {
    // The extension stays thin: the protocol contract, never the server's code.
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'server/src/(?!shared/protocol$).+',
              message: 'The client imports only server/src/shared/protocol.ts from the server.',
            },
          ],
        },
      ],
    },
  },
);
