import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('../../../', import.meta.url).pathname;
const webDir = join(root, 'web');
const distIndex = join(webDir, 'dist', 'index.html');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => (name === 'dist' || name === 'node_modules' ? newest : Math.max(newest, newestMtime(join(path, name)))), stat.mtimeMs);
}

/** Builds web/dist (what the server serves) unless it is newer than every source file under web/. */
export async function ensureWebBuilt(): Promise<void> {
  if (existsSync(distIndex) && statSync(distIndex).mtimeMs >= newestMtime(webDir)) return;
  await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(webDir, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: root,
    // vitest sets NODE_ENV=test, which would make Vite bundle React's development build: build what `npm start` serves.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
