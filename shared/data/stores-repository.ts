import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { cellOf } from '../geo/cell-cover.ts';
import type { StockChange } from '../masks/stock-report.ts';
import { emptyShardOf, type EmptyStore, type EmptyStores } from '../masks/empty-stores.ts';
import { regionOfAddress } from '../geo/regions.ts';
import type { StockLevel } from '../masks/regional-view.ts';
import { remainStatOf, type RemainStat } from '../masks/remain-stat.ts';
import { addressKey, type StoreInfo, type StoreSnapshot } from '../masks/store.ts';
import { config } from '../config.ts';
import { boundedParallel } from './bounded-parallel.ts';
import { dynamo } from './dynamo-client.ts';
import { putAllNew } from './put-all-new.ts';

/** Stores are numbered in import order; a listing page is read from buckets of this many. */
export const LISTING_BUCKET = 500;
const COUNTER = { code: 'meta#store-count' };
/** Present once every store of the table carries its region (see the store-regions seeder). */
const REGIONS_MARKER = { code: 'meta#regions-written' };
const PARALLEL = 8;

/** Demo data arrives with stock already reported; imports never carry stock. */
export interface InitialStock {
  readonly remaining: number;
  readonly stockAt: string;
  readonly asOf: string;
}

export interface StoreRecord extends StoreSnapshot {
  readonly asOf?: string;
  readonly seq: number;
  /** Bumped on every change, so the read model can tell old news from new. */
  readonly v: number;
}

/** Each band as a range of `remaining`, the sort key of `byRegionStock` (remain-stat.ts's thresholds). */
const BAND_RANGES: Record<RemainStat, { range?: string; values: Record<string, number> }> = {
  plenty: { range: 'remaining >= :lo', values: { ':lo': 100 } },
  some: { range: 'remaining BETWEEN :lo AND :hi', values: { ':lo': 30, ':hi': 99 } },
  few: { range: 'remaining BETWEEN :lo AND :hi', values: { ':lo': 2, ':hi': 29 } },
  empty: { range: 'remaining <= :hi', values: { ':hi': 1 } },
  // A store on break keeps its last count, whatever it is.
  break: { values: {} },
};

/** Only stores whose address names a province carry `region`, and so appear in `byRegionStock`. */
const regionAttribute = (addr: string): { region?: string } => {
  const region = regionOfAddress(addr);
  return region ? { region } : {};
};

const listBucketOf = (seq: number): string => `b${Math.floor(seq / LISTING_BUCKET)}`;

const chunked = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

export type { StockChange } from '../masks/stock-report.ts';

export class StoresRepository implements EmptyStores {
  readonly #table = config.tableName('stores');

  /** Stores empty since `before` or earlier, oldest first, a page of the sparse `byEmptySince` index at a time. */
  async *emptySince(shard: string, before: string): AsyncIterable<EmptyStore> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: 'byEmptySince',
          KeyConditionExpression: 'emptyShard = :shard AND emptySince <= :before',
          ExpressionAttributeValues: { ':shard': shard, ':before': before },
          Limit: 100,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) yield item as EmptyStore;
      start = page.LastEvaluatedKey;
    } while (start);
  }

  async get(code: string): Promise<StoreRecord | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { code } }));
    return Item as StoreRecord | undefined;
  }

  /** Strongly consistent: a sale commits only against the stock it read, so it must read the latest. */
  async currentStock(code: string): Promise<StoreRecord | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { code }, ConsistentRead: true }));
    return Item as StoreRecord | undefined;
  }

  /**
   * Applies a stock report unless a newer one is already stored, in one round trip: the store as it is
   * afterwards either way (undefined if there is no such store), and whether this report was applied.
   * A break also wins over a stored report dated in the future (see `stockChangeOf`).
   */
  async changeStock(code: string, change: StockChange, now: string): Promise<{ applied: boolean; store?: StoreRecord }> {
    const stock =
      change.kind === 'stock'
        ? { set: 'remaining = :remaining, onBreak = :false' + (change.stockAt ? ', stockAt = :stockAt' : ''), values: { ':remaining': change.remaining, ':false': false, ...(change.stockAt ? { ':stockAt': change.stockAt } : {}) } }
        : { set: 'onBreak = :true', values: { ':true': true } };
    // The empty-store alert's sparse index: kept from the first empty report while the store stays empty.
    const empty = change.kind === 'stock' && remainStatOf(change.remaining) === 'empty';
    const emptiness = empty
      ? { set: ', emptySince = if_not_exists(emptySince, :now), emptyShard = :emptyShard', remove: '', values: { ':emptyShard': emptyShardOf(code) } }
      : { set: '', remove: ' REMOVE emptySince, emptyShard', values: {} };
    try {
      const { Attributes } = await dynamo.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { code },
          UpdateExpression: `SET ${stock.set}, asOf = :asOf, updatedAt = :now, v = v + :one${emptiness.set}${emptiness.remove}`,
          ConditionExpression:
            change.kind === 'break'
              ? 'attribute_exists(code) AND (attribute_not_exists(asOf) OR asOf < :asOf OR asOf > :now)'
              : 'attribute_exists(code) AND (attribute_not_exists(asOf) OR asOf < :asOf)',
          ExpressionAttributeValues: { ...stock.values, ...emptiness.values, ':asOf': change.asOf, ':now': now, ':one': 1 },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { applied: true, store: Attributes as StoreRecord };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return { applied: false, store: error.Item ? (unmarshall(error.Item) as StoreRecord) : undefined };
    }
  }

  async getMany(codes: readonly string[]): Promise<Map<string, StoreRecord>> {
    const found = new Map<string, StoreRecord>();
    await boundedParallel(chunked(codes, 100), PARALLEL, async (chunk) => {
      let keys: Record<string, unknown>[] | undefined = chunk.map((code) => ({ code }));
      while (keys && keys.length > 0) {
        const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await dynamo.send(new BatchGetCommand({ RequestItems: { [this.#table]: { Keys: keys } } }));
        for (const item of Responses?.[this.#table] ?? []) found.set(item.code as string, item as StoreRecord);
        keys = UnprocessedKeys?.[this.#table]?.Keys;
      }
    });
    return found;
  }

  /**
   * Creates new stores and updates the descriptive fields of known ones; stock is never touched here.
   * New stores get consecutive listing numbers from one atomic counter update. `allNew` skips the read
   * that tells new stores from known ones, for a caller that knows the table holds none of them (the
   * demo seed on an empty table, locally: see `putAllNew`); the stores it created are returned as written.
   */
  async upsert(
    stores: readonly (StoreInfo & { initialStock?: InitialStock })[],
    now: string,
    options: { allNew?: boolean } = {},
  ): Promise<{ created: number; updated: number; createdRecords: (StoreRecord & { readonly cell: string })[] }> {
    const existing = options.allNew ? new Map<string, StoreRecord>() : await this.getMany(stores.map((s) => s.code));
    const fresh = stores.filter((s) => !existing.has(s.code));
    let nextSeq = 0;
    if (fresh.length > 0) {
      const { Attributes } = await dynamo.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: COUNTER,
          UpdateExpression: 'ADD storeCount :n',
          ExpressionAttributeValues: { ':n': fresh.length },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      nextSeq = (Attributes?.storeCount as number) - fresh.length;
    }
    const items = fresh.map(({ initialStock, ...store }, i) => {
      const seq = nextSeq + i;
      const address = addressKey(store.addr);
      return {
        ...store,
        ...initialStock,
        cell: cellOf(store),
        district: address?.district ?? store.addr,
        addrSort: `${address?.rest ?? ''}#${store.code}`,
        ...regionAttribute(store.addr),
        seq,
        listBucket: listBucketOf(seq),
        createdAt: now,
        updatedAt: now,
        v: 1,
      };
    });
    await (options.allNew ? putAllNew(this.#table, items) : boundedParallel(chunked(items, 25), PARALLEL, (chunk) => this.#batchPut(chunk)));

    const changed = stores.filter((s) => {
      const old = existing.get(s.code);
      return old && (old.name !== s.name || old.addr !== s.addr || old.type !== s.type || old.lat !== s.lat || old.lng !== s.lng);
    });
    await boundedParallel(changed, PARALLEL, (store) => this.#updateInfo(store, now));
    return { created: fresh.length, updated: changed.length, createdRecords: items };
  }

  async #batchPut(items: Record<string, unknown>[]): Promise<void> {
    let requests: { PutRequest?: { Item?: Record<string, unknown> } }[] | undefined = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests && requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(500, 20 * 2 ** attempt)));
      const { UnprocessedItems }: BatchWriteCommandOutput = await dynamo.send(
        new BatchWriteCommand({ RequestItems: { [this.#table]: requests as { PutRequest: { Item: Record<string, unknown> } }[] } }),
      );
      requests = UnprocessedItems?.[this.#table];
    }
  }

  async #updateInfo(store: StoreInfo, now: string): Promise<void> {
    const address = addressKey(store.addr);
    const region = regionOfAddress(store.addr);
    await dynamo.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { code: store.code },
        UpdateExpression:
          'SET #name = :name, addr = :addr, #type = :type, lat = :lat, lng = :lng, cell = :cell, district = :district, addrSort = :addrSort, updatedAt = :now, v = v + :one' +
          (region ? ', #region = :region' : ' REMOVE #region'),
        ExpressionAttributeNames: { '#name': 'name', '#type': 'type', '#region': 'region' },
        ExpressionAttributeValues: {
          ...(region ? { ':region': region } : {}),
          ':name': store.name,
          ':addr': store.addr,
          ':type': store.type,
          ':lat': store.lat,
          ':lng': store.lng,
          ':cell': cellOf(store),
          ':district': address?.district ?? store.addr,
          ':addrSort': `${address?.rest ?? ''}#${store.code}`,
          ':now': now,
          ':one': 1,
        },
      }),
    );
  }

  async count(): Promise<number> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: COUNTER }));
    return (Item?.storeCount as number | undefined) ?? 0;
  }

  /** Stores numbered [start, start + count): the buckets that hold them, queried at once. */
  async listing(start: number, count: number): Promise<StoreRecord[]> {
    if (count <= 0) return [];
    const first = Math.floor(start / LISTING_BUCKET);
    const last = Math.floor((start + count - 1) / LISTING_BUCKET);
    const buckets = Array.from({ length: last - first + 1 }, (_, i) => `b${first + i}`);
    const pages = await Promise.all(
      buckets.map((bucket) =>
        this.#queryAll({
          IndexName: 'byListing',
          KeyConditionExpression: 'listBucket = :b AND seq BETWEEN :lo AND :hi',
          ExpressionAttributeValues: { ':b': bucket, ':lo': start, ':hi': start + count - 1 },
        }),
      ),
    );
    return pages.flat();
  }

  async byAddressPrefix(district: string, restPrefix: string): Promise<StoreRecord[]> {
    return this.#queryAll({
      IndexName: 'byDistrict',
      KeyConditionExpression: restPrefix ? 'district = :d AND begins_with(addrSort, :p)' : 'district = :d',
      ExpressionAttributeValues: { ':d': district, ...(restPrefix ? { ':p': restPrefix } : {}) },
    });
  }

  /**
   * How many of a region's stores stand in each stock band: one Query of the region on `byRegionStock`,
   * reading only the two attributes that decide the band. It reads every reporting store of the region
   * (Seoul's ~4,300 demo stores: ~0.3 MB), which suits a console that people open, not a public route.
   */
  async stockLevelsIn(region: string): Promise<StockLevel[]> {
    return (await this.#queryAll({
      IndexName: 'byRegionStock',
      KeyConditionExpression: '#region = :region',
      ProjectionExpression: 'remaining, onBreak',
      ExpressionAttributeNames: { '#region': 'region' },
      ExpressionAttributeValues: { ':region': region },
    })) as unknown as StockLevel[];
  }

  /**
   * A page of a region's stores in one band: the band's stock range is the key condition, and only
   * breaks (which keep their last count) are told apart by a filter. `after` is the last page's key.
   */
  async inRegionBand(region: string, band: RemainStat, limit: number, after?: Record<string, unknown>): Promise<{ stores: StoreRecord[]; next?: Record<string, unknown> }> {
    const { range, values } = BAND_RANGES[band];
    const stores: StoreRecord[] = [];
    let startKey = after;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: 'byRegionStock',
          KeyConditionExpression: `#region = :region${range ? ` AND ${range}` : ''}`,
          FilterExpression: band === 'break' ? 'onBreak = :true' : 'attribute_not_exists(onBreak) OR onBreak = :false',
          ExpressionAttributeNames: { '#region': 'region' },
          ExpressionAttributeValues: { ':region': region, ...values, ...(band === 'break' ? { ':true': true } : { ':false': false }) },
          Limit: limit - stores.length,
          ExclusiveStartKey: startKey,
        }),
      );
      stores.push(...((page.Items ?? []) as StoreRecord[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey && stores.length < limit);
    return { stores, ...(startKey ? { next: startKey } : {}) };
  }

  /** Stores written before stores carried their region (a data directory from before it), found by the listing index. */
  async withoutRegion(): Promise<{ code: string; addr: string }[]> {
    const count = await this.count();
    const found: { code: string; addr: string }[] = [];
    await boundedParallel(Array.from({ length: Math.ceil(count / LISTING_BUCKET) }, (_, i) => `b${i}`), PARALLEL, async (bucket) => {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(
          new QueryCommand({
            TableName: this.#table,
            IndexName: 'byListing',
            KeyConditionExpression: 'listBucket = :b',
            FilterExpression: 'attribute_not_exists(#region)',
            ProjectionExpression: 'code, addr',
            ExpressionAttributeNames: { '#region': 'region' },
            ExpressionAttributeValues: { ':b': bucket },
            ExclusiveStartKey: startKey,
          }),
        );
        found.push(...((page.Items ?? []) as { code: string; addr: string }[]));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    });
    return found;
  }

  async regionsWritten(): Promise<boolean> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: REGIONS_MARKER, ConsistentRead: true }));
    return Item !== undefined;
  }

  async markRegionsWritten(): Promise<void> {
    await dynamo.send(new PutCommand({ TableName: this.#table, Item: { ...REGIONS_MARKER, at: new Date().toISOString() } }));
  }

  /** Writes the region of a store that lacks it; the store's version stays, as nothing a reader sees changed. */
  async setRegion(code: string, region: string): Promise<void> {
    await dynamo.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { code },
        UpdateExpression: 'SET #region = :region',
        ConditionExpression: 'attribute_exists(code)',
        ExpressionAttributeNames: { '#region': 'region' },
        ExpressionAttributeValues: { ':region': region },
      }),
    );
  }

  async #queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<StoreRecord[]> {
    const items: StoreRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(new QueryCommand({ ...input, TableName: this.#table, ExclusiveStartKey: startKey }));
      items.push(...((page.Items ?? []) as StoreRecord[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}
