import type { RationingPolicyName } from '../../shared/masks/rationing.ts';
import type { ReliefProgramName } from '../../shared/relief/active-program.ts';
import { linkSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LocalStartError } from './dynamodb-local.ts';

/**
 * Who owns a data directory. `<DATA_DIR>/runtime.lock` holds the pid of the one `npm start` that may run
 * DynamoDB Local on its files and write its credentials, secrets and checkpoints; `<DATA_DIR>/runtime.json`
 * says, once it is ready, where the other local commands (`invoke`, `token`) find it.
 */
export interface RunningSystem {
  readonly pid: number;
  readonly baseUrl: string;
  readonly dynamoEndpoint: string;
  /** The rationing policy its handlers judge sales by, so `npm run invoke` judges them alike. */
  readonly rationingPolicy?: RationingPolicyName;
  /** The relief program it runs, so `npm run invoke` runs the same. */
  readonly reliefProgram?: ReliefProgramName;
}

const fileOf = (dataDir: string) => resolve(dataDir, 'runtime.json');
const lockOf = (dataDir: string) => resolve(dataDir, 'runtime.lock');
const dynamoPidOf = (dataDir: string) => resolve(dataDir, 'dynamodb.pid');

/** EPERM: the process exists but belongs to another user, so it is alive. */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const pidIn = (path: string): number | undefined => {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

/** Writes the whole file under another name first, so a reader never sees half of it. */
const writeWhole = (path: string, text: string): void => {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, path);
};

/**
 * Takes a lock left by a process that is gone. Renaming is atomic, so of two starts clearing the same stale
 * lock one gets it; if what was renamed is not the stale lock (another start took the directory meanwhile),
 * it is put back.
 */
const clearStaleLock = (lock: string, stalePid: number | undefined): void => {
  const aside = `${lock}.${process.pid}.stale`;
  try {
    renameSync(lock, aside);
  } catch {
    return; // already cleared by someone else
  }
  if (pidIn(aside) !== stalePid) {
    try {
      linkSync(aside, lock);
    } catch {
      // A third start took the directory in the instant it had no lock, so two may run. That needs three
      // starts within microseconds after a kill -9; it is left at that.
    }
  }
  rmSync(aside, { force: true });
};

const inUse = (dataDir: string, holder: number): LocalStartError => {
  const running = runningSystem(dataDir);
  return new LocalStartError(
    `${dataDir} is in use by another npm start (pid ${holder}${running ? `, ${running.baseUrl}` : ', still starting'}). ` +
      `Stop it first, or start with DATA_DIR=<another directory>. ` +
      `(If that process is not an npm start, remove ${lockOf(dataDir)}.)`,
  );
};

/**
 * Makes this process the owner of the data directory, or refuses (before anything in it is touched) when
 * a live process owns it. Creating the lock by hard-linking a file that already holds the pid is atomic and
 * never shows an empty lock. Returns the release, which removes the lock, runtime.json and dynamodb.pid only if
 * this process still owns them.
 */
export const claimDataDir = async (dataDir: string): Promise<() => void> => {
  const lock = lockOf(dataDir);
  const mine = `${lock}.${process.pid}`;
  writeFileSync(mine, String(process.pid), { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, lock);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = pidIn(lock);
        if (holder !== undefined && isAlive(holder)) throw inUse(dataDir, holder);
        clearStaleLock(lock, holder);
        continue;
      }
      try {
        await stopOrphanedDynamoDbLocal(dataDir);
      } catch (error) {
        releaseDataDir(dataDir);
        throw error;
      }
      return () => releaseDataDir(dataDir);
    }
    throw new LocalStartError(`Could not take ${lock}: other starts keep taking it. Try again.`);
  } finally {
    rmSync(mine, { force: true });
  }
};

const ownsDataDir = (dataDir: string): boolean => pidIn(lockOf(dataDir)) === process.pid;

/** Only the owner removes runtime.json and the lock; a refused second start leaves them alone. */
export const releaseDataDir = (dataDir: string): void => {
  if (!ownsDataDir(dataDir)) return;
  rmSync(fileOf(dataDir), { force: true });
  rmSync(dynamoPidOf(dataDir), { force: true });
  unlinkSync(lockOf(dataDir));
};

/** The DynamoDB Local this owner runs on the directory's files, so that a later owner can find it. */
export const recordDynamoDbLocal = (dataDir: string, pid: number | undefined): void => {
  if (pid !== undefined && ownsDataDir(dataDir)) writeWhole(dynamoPidOf(dataDir), String(pid));
};

/**
 * A `kill -9` of npm start leaves its DynamoDB Local running on the directory's files; a new owner stops it
 * before starting its own. Only a process that is DynamoDB Local on these very files (its command line says
 * so) is stopped, never another that happens to reuse the pid.
 */
const stopOrphanedDynamoDbLocal = async (dataDir: string): Promise<void> => {
  const file = dynamoPidOf(dataDir);
  const pid = pidIn(file);
  if (pid !== undefined && isAlive(pid)) {
    let commandLine = '';
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      // no /proc (not Linux): leave it, as we cannot tell what it is
    }
    if (commandLine.includes('DynamoDBLocal') && commandLine.includes(`-dbPath ${resolve(dataDir, 'dynamodb')} `)) {
      process.kill(pid, 'SIGTERM');
      for (let waited = 0; isAlive(pid) && waited < 5000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  }
  rmSync(file, { force: true });
};

export const recordRunningSystem = (dataDir: string, system: RunningSystem): void => {
  if (ownsDataDir(dataDir)) writeWhole(fileOf(dataDir), JSON.stringify(system));
};

/** Removed first on shutdown, so no command attaches to a system that is stopping. */
export const forgetRunningSystem = (dataDir: string): void => {
  if (ownsDataDir(dataDir)) rmSync(fileOf(dataDir), { force: true });
};

/** The running system, if runtime.json names a process that is still alive. */
export const runningSystem = (dataDir: string): RunningSystem | undefined => {
  try {
    const system = JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as RunningSystem;
    return isAlive(system.pid) ? system : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A runtime.json left by a killed process can name a pid that the system has since given to another
 * process; nothing listening at its address tells them apart. A slow answer still counts as running.
 */
const answers = async (baseUrl: string): Promise<boolean> => {
  try {
    await fetch(`${baseUrl}/v1/health`, { signal: AbortSignal.timeout(10_000) });
    return true;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED';
  }
};

export class NoRunningSystem extends Error {
  override name = 'NoRunningSystem';
}

/**
 * For `invoke` and `token`: the `npm start` on this data directory, or a sentence saying that none runs and
 * how to start one. They use its DynamoDB Local and its issuer key and never write its files.
 */
export const requireRunningSystem = async (dataDir: string, given: string): Promise<RunningSystem> => {
  const running = runningSystem(dataDir);
  if (running && (await answers(running.baseUrl))) return running;
  const starting = pidIn(lockOf(dataDir));
  if (starting !== undefined && isAlive(starting)) {
    throw new NoRunningSystem(`npm start (pid ${starting}) on ${dataDir} is still starting; run this again once it prints its ready line.`);
  }
  const env = given === '.data' ? '' : `DATA_DIR=${given} `;
  throw new NoRunningSystem(
    `No npm start is running on ${dataDir}. Start one in another terminal with \`${env}npm start\`, ` +
      `wait for its ready line, then run this again (set DATA_DIR to use another data directory).`,
  );
};
