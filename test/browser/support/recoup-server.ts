import { spawn, type ChildProcess } from 'node:child_process';
import { freshBookEnv } from '../../support/cli.ts';

const root = new URL('../../../', import.meta.url).pathname;

export type RecoupServer = { url: string; output: () => string; stop: () => Promise<void> };

/**
 * `recoup serve` as a child process on a free port, on a fresh book (embedded in a temp dir, or a fresh
 * PostgreSQL schema when DATABASE_URL is set) with the example book loaded: what `npm start` runs.
 */
export async function startRecoupServer(extraEnv: Record<string, string> = {}): Promise<RecoupServer> {
  const { env, dispose } = await freshBookEnv();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['bin/recoup.js', 'serve', '--port', '0'], {
    cwd: root,
    env: { ...process.env, ...env, ...extraEnv, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`recoup serve did not start within 150 s:\n${output}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Serving on (http:\/\/[^\s/]+)\//.exec(output) ?? /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match?.[1] && /:\d+$/.test(match[1]) && !match[1].endsWith(':0')) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`recoup serve exited (${code}) before serving:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await dispose();
    },
  };
}
