import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

export interface StartedSystem {
  readonly child: ChildProcessWithoutNullStreams;
  readonly baseUrl: string;
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `infra/local/main.ts` (what `npm start` runs) as its own process, as a person or script would. */
export const runLocalCommand = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  // node_modules/.bin first, as npm scripts have it: that is where the pinned Node 24 is.
  const path = `${resolve(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`;
  const child = spawn(TSX, ['infra/local/main.ts', ...args], { cwd: ROOT, env: { ...process.env, PATH: path, DEMO_STORES: '120', DEMO_HOUSEHOLDS: '120', ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
};

export const startLocalCommand = async (args: string[], env: NodeJS.ProcessEnv = {}): Promise<StartedSystem> => {
  const run = runLocalCommand(args, env);
  const baseUrl = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no ready line in 60 s:\n${run.output()}`)), 60_000);
    const check = () => {
      const ready = /^ready (http:\/\/127\.0\.0\.1:\d+)$/m.exec(run.output());
      if (ready?.[1]) {
        clearTimeout(timer);
        ok(ready[1]);
      }
    };
    run.child.stdout.on('data', check);
    void run.exited.then((code) => fail(new Error(`exited with ${code} before ready:\n${run.output()}`)));
  });
  return {
    child: run.child,
    baseUrl,
    output: run.output,
    stop: (signal = 'SIGTERM') => {
      run.child.kill(signal);
      return run.exited;
    },
  };
};

/** Runs one of the other local commands (`infra/local/token.ts`, `infra/local/invoke.ts`) to its end. */
export const runLocalTool = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const path = `${resolve(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`;
  return spawnSync(TSX, [script, ...args], { cwd: ROOT, env: { ...process.env, PATH: path, ...env }, encoding: 'utf8', timeout: 60_000 });
};
