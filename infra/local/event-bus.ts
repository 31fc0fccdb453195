import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import type { EventTrigger, Manifest } from '../manifest/types.ts';
import type { DomainEvent } from '../../shared/ports/event-publisher.ts';
import type { FunctionLoader } from './function-loader.ts';

/** The subset of EventBridge patterns the manifest uses: lists of allowed values per field. */
export const matchesPattern = (pattern: EventTrigger['pattern'], event: DomainEvent): boolean => {
  if (!pattern.source.includes(event.source)) return false;
  if (pattern['detail-type'] && !pattern['detail-type'].includes(event.detailType)) return false;
  for (const [field, allowed] of Object.entries(pattern.detail ?? {})) {
    if (!allowed.includes(event.detail[field] as string | number | boolean)) return false;
  }
  return true;
};

/** EventBridge in-process: each put event goes to every function whose pattern matches, asynchronously. */
export class LocalEventBus {
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly manifest: Manifest,
    private readonly functions: FunctionLoader,
    private readonly onError: (error: unknown, functionName: string) => void,
  ) {}

  /** Every event-triggered function with its pattern (the parity test reads this). */
  rules(): { functionName: string; pattern: EventTrigger['pattern'] }[] {
    return this.manifest.functions.flatMap((fn) =>
      fn.triggers.flatMap((t) => (t.kind === 'event' ? [{ functionName: fn.name, pattern: t.pattern }] : [])),
    );
  }

  async put(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      const envelope: EventBridgeEvent<string, unknown> = {
        version: '0',
        id: randomUUID(),
        'detail-type': event.detailType,
        source: event.source,
        account: '000000000000',
        time: new Date().toISOString(),
        region: 'local',
        resources: [],
        detail: event.detail,
      };
      for (const rule of this.rules()) {
        if (!matchesPattern(rule.pattern, event)) continue;
        const delivery = this.functions.invoke(rule.functionName, envelope).catch((error: unknown) => this.onError(error, rule.functionName));
        this.#inFlight.add(delivery);
        void delivery.finally(() => this.#inFlight.delete(delivery));
      }
    }
  }

  /** Resolves when every delivery started so far has finished. */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }
}
