import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { compilePolicy, type CompiledPolicy, type FilterPolicy } from '../alerts/filter-policy.ts';
import type { SubscribeRequest, SubscriptionProtocol } from '../ports/notifier.ts';

export interface LocalSubscription {
  readonly subscriptionArn: string;
  readonly topic: string;
  readonly protocol: SubscriptionProtocol;
  readonly endpoint: string;
  readonly filterPolicy: FilterPolicy;
  readonly owner: SubscribeRequest['owner'];
  readonly pendingConfirmation: boolean;
  /** What the confirmation link carries; SNS mails one like it. */
  readonly confirmToken?: string;
  readonly createdAt: string;
}

export type Compiled = LocalSubscription & { readonly matches: CompiledPolicy };

/** SNS's default quota: filter policies per topic. */
export const LOCAL_POLICIES_PER_TOPIC = 200;

/**
 * What SNS itself keeps about a topic's subscriptions, locally: `<DATA_DIR>/sns-subscriptions.json`
 * (written whole and renamed into place, so a reader never sees half a file). Its policies are compiled
 * once per change of the file, not per publish.
 */
/**
 * Changes to one file in this process are applied one after another, whichever instance makes them (a
 * handler's, the gateway's confirmation page); the file has no lock across processes.
 */
const queues = new Map<string, Promise<unknown>>();

export class LocalTopicSubscriptions {
  #cache: { version: string; all: Compiled[] } | undefined;

  constructor(private readonly path: string) {}

  async all(): Promise<Compiled[]> {
    const version = await stat(this.path, { bigint: true }).then((s) => `${s.mtimeNs}:${s.size}`, () => 'none');
    if (this.#cache?.version === version) return this.#cache.all;
    const all = (await this.#read()).map((s) => ({ ...s, matches: compilePolicy(s.filterPolicy) }));
    this.#cache = { version, all };
    return all;
  }

  add(topic: string, request: SubscribeRequest, pendingConfirmation: boolean, at: string): Promise<LocalSubscription | 'limit'> {
    return this.#change<LocalSubscription | 'limit'>((all) => {
      if (all.filter((s) => s.topic === topic).length >= LOCAL_POLICIES_PER_TOPIC) return { all, result: 'limit' as const };
      const subscription: LocalSubscription = {
        subscriptionArn: `arn:aws:sns:local:000000000000:${topic}:${randomUUID()}`,
        topic,
        protocol: request.protocol,
        endpoint: request.endpoint,
        filterPolicy: request.filterPolicy,
        owner: request.owner,
        pendingConfirmation,
        ...(pendingConfirmation ? { confirmToken: randomBytes(24).toString('base64url') } : {}),
        createdAt: at,
      };
      return { all: [...all, subscription], result: subscription };
    });
  }

  remove(subscriptionArn: string): Promise<void> {
    return this.#change((all) => ({ all: all.filter((s) => s.subscriptionArn !== subscriptionArn), result: undefined }));
  }

  /** Follows a confirmation link: the subscription it names, now confirmed; undefined for an unknown token. */
  confirm(token: string): Promise<LocalSubscription | undefined> {
    return this.#change((all) => {
      const found = all.find((s) => s.confirmToken !== undefined && s.confirmToken === token);
      if (!found) return { all, result: undefined };
      const { confirmToken: _used, ...confirmed } = { ...found, pendingConfirmation: false };
      return { all: all.map((s) => (s === found ? confirmed : s)), result: confirmed };
    });
  }

  async find(subscriptionArn: string): Promise<LocalSubscription | undefined> {
    return (await this.#read()).find((s) => s.subscriptionArn === subscriptionArn);
  }

  async #read(): Promise<LocalSubscription[]> {
    try {
      return (JSON.parse(await readFile(this.path, 'utf8')) as { subscriptions: LocalSubscription[] }).subscriptions;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  #change<T>(change: (all: LocalSubscription[]) => { all: LocalSubscription[]; result: T }): Promise<T> {
    const next = (queues.get(this.path) ?? Promise.resolve()).then(async () => {
      const { all, result } = change(await this.#read());
      const temporary = `${this.path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ subscriptions: all }, null, 2), { mode: 0o600 });
      await rename(temporary, this.path);
      this.#cache = undefined;
      return result;
    });
    queues.set(this.path, next.catch(() => undefined));
    return next;
  }
}
