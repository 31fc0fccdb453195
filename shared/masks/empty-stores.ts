import type { AlertConfig } from '../alerts/alert-config.ts';
import type { RaiseInput } from '../alerts/raise-alert.ts';
import { regionOfAddress } from '../geo/regions.ts';
import { findNearby, type CellReader } from './nearby.ts';
import type { RemainStat } from './remain-stat.ts';
import type { StoreInfo } from './store.ts';

/**
 * Stores whose stock is `empty` carry `emptySince` (set by the stock report or the sale that emptied
 * them, kept while they stay empty) and `emptyShard`, a sparse index partition the sweep reads.
 */
export const EMPTY_SHARDS = 4;

export const emptyShardOf = (code: string): string => {
  let sum = 0;
  for (const char of code) sum = (sum + char.charCodeAt(0)) % EMPTY_SHARDS;
  return `empty#${sum}`;
};

/** A citizen would still find masks here: `few` is 2–29, enough for a few buyers. */
const HAS_MASKS: readonly RemainStat[] = ['plenty', 'some', 'few'];

export interface EmptyStore extends StoreInfo {
  readonly emptySince: string;
}

export interface EmptyStores {
  /** Stores empty since `before` or earlier, from one shard of the sparse index. */
  emptySince(shard: string, before: string): AsyncIterable<EmptyStore>;
}

const hoursBetween = (from: string, to: Date): number => Math.floor((to.getTime() - Date.parse(from)) / 3_600_000);

/**
 * The masks context's alert: a store empty for hours while nowhere within walking distance has masks,
 * so people there have nowhere to go. One alert per store (the subject), repeated by each sweep while
 * it lasts; the region is the province its address starts with.
 */
export const storeEmptyAlertOf = (store: EmptyStore, now: Date, config: AlertConfig['storeEmpty']): RaiseInput | undefined => {
  const region = regionOfAddress(store.addr);
  if (!region) return undefined;
  return {
    type: 'STORE_EMPTY',
    severity: config.severity,
    region,
    subject: { kind: 'store', id: store.code },
    message: `마스크 품절 ${hoursBetween(store.emptySince, now)}시간째: ${store.name} (${store.addr}). 반경 ${config.radiusM / 1000}km 안에 재고 있는 판매처가 없습니다.`,
  };
};

/** The scheduled sweep: empty long enough, then nobody nearby with masks, then the alert. */
export class EmptyStoreWatch {
  constructor(
    private readonly stores: EmptyStores,
    private readonly cells: CellReader,
    private readonly raise: (input: RaiseInput) => Promise<unknown>,
    private readonly config: AlertConfig['storeEmpty'],
  ) {}

  async sweep(now: Date): Promise<{ checked: number; raised: number }> {
    const before = new Date(now.getTime() - this.config.afterHours * 3_600_000).toISOString();
    let checked = 0;
    let raised = 0;
    for (let shard = 0; shard < EMPTY_SHARDS; shard++) {
      for await (const store of this.stores.emptySince(`empty#${shard}`, before)) {
        checked++;
        const { total } = await findNearby(this.cells, { center: store, radiusM: this.config.radiusM, statuses: HAS_MASKS });
        if (total > 0) continue;
        const alert = storeEmptyAlertOf(store, now, this.config);
        if (!alert) continue;
        await this.raise(alert);
        raised++;
      }
    }
    return { checked, raised };
  }
}
