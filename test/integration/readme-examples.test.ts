import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startLocalCommand, type StartedSystem } from '../setup/cli.ts';

/** The ```sh blocks of the README's section "Running locally" (with "Try the masks API"), in order. */
const readmeExamples = (): string[] => {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const section = /^## Running locally\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((block) => block[1] ?? '');
};

/**
 * A newcomer's shell in a fresh clone: Debian's tools and their Node, not the project's node_modules/.bin,
 * and no jq (a fresh Debian machine has none).
 */
const freshShellPath = (): string => {
  const shims = mkdtempSync(join(tmpdir(), 'crisis-fresh-bin-'));
  writeFileSync(join(shims, 'jq'), '#!/bin/sh\necho "jq: command not found (not on a fresh Debian machine)" >&2\nexit 127\n');
  chmodSync(join(shims, 'jq'), 0o755);
  const system = (process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules'));
  return [shims, ...system].join(delimiter);
};

describe('the README', () => {
  let dataDir: string;
  let system: StartedSystem;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crisis-readme-'));
    system = await startLocalCommand([], { PORT: '0', DATA_DIR: dataDir, DEMO_STORES: '60' });
  }, 60_000);
  afterAll(async () => {
    await system.stop();
  });

  it('runs every example of "Running locally" and "Try the masks API" as printed, in order, and each succeeds', () => {
    const examples = readmeExamples();
    expect(examples.length).toBeGreaterThanOrEqual(2);
    // As pasted into a terminal, but stopping at the first command that fails and naming it.
    const script = ['set -eo pipefail', `trap 'echo "README example failed (exit $?): $BASH_COMMAND" >&2' ERR`, ...examples].join('\n');
    const run = spawnSync('bash', ['-c', script], {
      cwd: ROOT,
      env: { ...process.env, PATH: freshShellPath(), DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, `${run.stderr}\n${run.stdout}`).toBe(0);
    expect(run.stderr).not.toContain('README example failed');

    // What each example shows, as a reader would see it.
    expect(run.stdout).toContain('"statusCode": 200'); // npm run invoke -- health
    expect(run.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/m); // npm run token
    expect(run.stdout).toMatch(/"stores":\[/); // nearby and the 2020 routes
    expect(run.stdout).toMatch(/"applied":true/); // the stock report
    expect(run.stdout).toMatch(/"saleId":"till-1-\d{8}"/); // the sale
    expect(run.stdout).toMatch(/"importId":"readme-import-01","status":"done"/); // the import and its outcome
  });
});
