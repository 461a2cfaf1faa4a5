// Lint: typescript-eslint's recommended rules, plus the rule that keeps src/domain pure
// (STYLE.md section 1): no adapters, no node:*, no database or HTTP libraries, no clock, no randomness.
import tseslint from 'typescript-eslint';

const impureModules = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'stream', 'url', 'util', 'worker_threads',
  'pg', 'pg-*', '@electric-sql/*', 'drizzle-*', 'pg-boss', 'fastify', '@fastify/*', 'undici', 'axios',
  'nodemailer', 'smtp-server', 'pdfkit', 'exceljs', 'csv-parse', 'csv-parse/*', 'csv-stringify', 'csv-stringify/*', 'pino',
];

export default tseslint.config(
  { ignores: ['node_modules/**', '.scratch/**', '.bench/**', 'recoup-data/**', 'dist/**', 'web/dist/**', 'test-artifacts/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    // Tests beside the domain code may read fixture files; the code under test may not.
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/adapters/**', '**/app/**', '**/cli/**'], message: 'src/domain is pure: it must not import app, adapters or cli.' },
          { group: impureModules, message: 'src/domain is pure: no node:*, database, HTTP, file or I/O libraries.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'src/domain is pure: configuration comes in as parameters.' },
        { name: 'fetch', message: 'src/domain is pure: no I/O.' },
        { name: 'setTimeout', message: 'src/domain is pure: no timers.' },
        { name: 'setInterval', message: 'src/domain is pure: no timers.' },
        { name: 'performance', message: 'src/domain is pure: no clock.' },
        { name: 'crypto', message: 'src/domain is pure: no randomness; ids come in as parameters.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/domain never reads the clock: take `now` as a parameter.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'src/domain never reads the clock: take `now` as a parameter.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'src/domain never reads randomness: take a seed or ids as parameters.' },
        { selector: "MemberExpression[object.name='DateTime'][property.name=/^(now|local)$/]", message: 'src/domain never reads the clock: take `now` as a parameter.' },
        { selector: "CallExpression[callee.object.name='Temporal'][callee.property.name='Now']", message: 'src/domain never reads the clock.' },
      ],
    },
  },
);
