// ESLint: the boundary rule that keeps the core editor- and disk-free (architecture.md, practice 2),
// plus typescript-eslint's recommended checks. Type-checking itself is `tsc --noEmit` (npm run lint).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'e2e/**/*.js', '.e2e-cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'fs', message: 'The core reads files only through the injected Workspace.' },
            { name: 'node:fs', message: 'The core reads files only through the injected Workspace.' },
            { name: 'fs/promises', message: 'The core reads files only through the injected Workspace.' },
            { name: 'node:fs/promises', message: 'The core reads files only through the injected Workspace.' },
            { name: 'child_process', message: 'The core runs nothing.' },
            { name: 'node:child_process', message: 'The core runs nothing.' },
            { name: 'vscode', message: 'The core knows no editor.' },
          ],
          patterns: [
            { group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'The core knows no protocol: adapt it in server/src/lsp.' },
            { group: ['**/lsp/*', '**/cli/*', '**/server'], message: 'The core does not depend on its hosts.' },
          ],
        },
      ],
    },
  },
);
