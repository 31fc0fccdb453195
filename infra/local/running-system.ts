import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** `<DATA_DIR>/runtime.json`: how other local commands find a running `npm start` on the same data. */
export interface RunningSystem {
  readonly pid: number;
  readonly baseUrl: string;
  readonly dynamoEndpoint: string;
}

const fileOf = (dataDir: string) => resolve(dataDir, 'runtime.json');

export const recordRunningSystem = (dataDir: string, system: RunningSystem): void =>
  writeFileSync(fileOf(dataDir), JSON.stringify(system));

export const forgetRunningSystem = (dataDir: string): void => rmSync(fileOf(dataDir), { force: true });

/** The running system, if its process is still alive. */
export const runningSystem = (dataDir: string): RunningSystem | undefined => {
  try {
    const system = JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as RunningSystem;
    process.kill(system.pid, 0);
    return system;
  } catch {
    return undefined;
  }
};
