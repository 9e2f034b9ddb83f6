// `npm run lint`: type-aware typescript-eslint over the service, its tests, bench, scripts and the
// Mini App client (web/ has its own tsconfig; the project service finds the nearest one per file).
//
// typescript-eslint's `recommendedTypeChecked`, which carries the rules that catch real bugs
// (no-floating-promises, no-misused-promises, await-thenable, no-base-to-string, …), less the
// rules that would only churn code that is already guarded elsewhere:
// - no-unsafe-*: raw SQL rows and parsed JSON arrive as `any`/`unknown` at a few boundaries that
//   zod or a typed row mapping already guards; flagging every property access there is noise.
// - require-await: fakes and handlers implement async interfaces without awaiting anything.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'drizzle/**', 'coverage/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/require-await': 'off',
      // tsc's noUnusedLocals/noUnusedParameters cover the rest; here: `_`-prefixed is intentional,
      // and a rest sibling (`const { a: _a, ...rest } = x`) is how a key is left out.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests and drills take CashDesk bodies apart on purpose: a parsed fixture is `any` to mutate.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
