import { readFile } from 'node:fs/promises';

/**
 * `<DATA_DIR>/faults.json`, read by the local adapters before each call, so a test or a person can take a
 * local service down for a while without restarting anything:
 * `{ "sns": { "failUntil": "2026-11-25T10:05:00Z", "error": "InternalErrorException" } }`.
 * The same failures are injected on the AWS adapters with aws-sdk-client-mock.
 */
export interface Faults {
  readonly sns?: { readonly failUntil: string; readonly error?: 'InternalErrorException' | 'ThrottledException' };
}

const SNS_STATUS = { InternalErrorException: 500, ThrottledException: 400 } as const;

export class LocalFaults {
  constructor(
    private readonly path: string | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async read(): Promise<Faults> {
    if (!this.path) return {};
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as Faults;
    } catch {
      // No file (the usual case), or one being rewritten: no fault.
      return {};
    }
  }

  /** Throws what SNS throws while it is down, as the SDK shapes it. */
  async throwIfSnsDown(): Promise<void> {
    const fault = (await this.read()).sns;
    if (!fault || !(Date.parse(fault.failUntil) > this.now())) return;
    const name = fault.error ?? 'InternalErrorException';
    throw Object.assign(new Error(`SNS is down until ${fault.failUntil} (injected in faults.json)`), {
      name,
      $fault: name === 'ThrottledException' ? 'client' : 'server',
      $metadata: { httpStatusCode: SNS_STATUS[name] },
    });
  }
}
