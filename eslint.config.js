import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.data/', 'coverage/', 'dist/', 'bench/results/', 'web/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Domain code is pure: the AWS SDK is reached only through adapters and repositories.
    files: ['shared/**/*.ts'],
    ignores: ['shared/adapters/**', 'shared/data/**', 'shared/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@aws-sdk/*'], message: 'Domain code has no AWS imports; use a port.' }] }],
    },
  },
  {
    files: ['web/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', fetch: 'readonly', localStorage: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', sessionStorage: 'readonly', atob: 'readonly', btoa: 'readonly', crypto: 'readonly', TextEncoder: 'readonly', URLSearchParams: 'readonly', AbortController: 'readonly', requestAnimationFrame: 'readonly', HTMLElement: 'readonly', CSS: 'readonly' } },
  },
);
