/**
 * What the figures were measured on, written beside them: figures from different machines (a
 * laptop, a 2-core CI box) are not comparable, and the file has to say which one it was.
 *
 *   describeMachine(); // { cpu, cores, memoryGiB, node, os }
 */
import { readFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, release, totalmem, type } from 'node:os';

export interface Machine {
  readonly cpu: string;
  /** Logical cores this process may use. */
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
}

/** The distribution's name, where the kernel version alone does not say it (Debian, Ubuntu, …). */
const distribution = (): string | undefined => {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  } catch {
    return undefined;
  }
};

export const describeMachine = (): Machine => {
  const kernel = `${type()} ${release()} ${arch()}`;
  const distro = distribution();
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: distro ? `${distro} (${kernel})` : kernel,
  };
};
