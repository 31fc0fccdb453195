import type { FunctionSpec, TableSpec } from './types.ts';

/** Public masks: store stock, rationed sales, nearby lookup and the 2020 public-mask API. */
export const masksTables: readonly TableSpec[] = [
  {
    name: 'stores',
    partitionKey: { name: 'code', type: 'S' },
    // Old images too: when a store moves, the projection must take it out of its old cell.
    stream: 'NEW_AND_OLD_IMAGES',
    indexes: [
      // storesByAddr: `서울특별시 강남구` is the partition, `논현동 …#code` the sort key for begins_with.
      { name: 'byDistrict', partitionKey: { name: 'district', type: 'S' }, sortKey: { name: 'addrSort', type: 'S' } },
      // The 2020 paged listing: stores numbered in import order, 500 to a bucket.
      { name: 'byListing', partitionKey: { name: 'listBucket', type: 'S' }, sortKey: { name: 'seq', type: 'N' } },
      // The console's view of a region: its stores by stock (a band is a range of `remaining`). Sparse:
      // a store without a reported count, or whose address names no province, is not in it.
      { name: 'byRegionStock', partitionKey: { name: 'region', type: 'S' }, sortKey: { name: 'remaining', type: 'N' } },
      // Sparse: only stores that are `empty` carry `emptyShard`, so the empty-store alert sweeps just those, longest empty first.
      { name: 'byEmptySince', partitionKey: { name: 'emptyShard', type: 'S' }, sortKey: { name: 'emptySince', type: 'S' } },
    ],
  },
  {
    // The read model of nearby lookups: one item per geohash-5 cell (~3.9 × 4.9 km) with every store
    // in it, so a 1 km lookup reads ~2 items and a 5 km one ~10 (geohash-6 cells: ~10 and ~160).
    name: 'store-cells',
    partitionKey: { name: 'cell', type: 'S' },
  },
  {
    // Sales (by store and saleId, so a retry finds the first answer) and each buyer's weekly count.
    name: 'mask-sales',
    partitionKey: { name: 'pk', type: 'S' },
    // Clean-up only: a weekly count is never read after its week, whether or not it has gone.
    ttlAttribute: 'expiresAt',
  },
  {
    // Progress and outcome of store imports, polled by the console.
    name: 'store-imports',
    partitionKey: { name: 'importId', type: 'S' },
    ttlAttribute: 'expiresAt',
  },
];

export const masksFunctions: readonly FunctionSpec[] = [
  {
    name: 'nearby-stores',
    entry: 'functions/masks/nearby-stores.ts',
    description: 'Stores near a point with their stock, nearest first.',
    triggers: [{ kind: 'http', method: 'GET', path: '/v1/stores/nearby', auth: 'public', operationId: 'getNearbyStores' }],
    uses: { tables: { 'store-cells': 'read' } },
    memoryMb: 1024,
  },
  {
    name: 'put-stock',
    entry: 'functions/masks/put-stock.ts',
    description: 'A store reports its remaining stock, or that it stopped selling.',
    triggers: [{ kind: 'http', method: 'PUT', path: '/v1/stores/{code}/stock', auth: 'store-key', operationId: 'putStock' }],
    uses: { tables: { stores: 'read-write' } },
  },
  {
    name: 'record-sale',
    entry: 'functions/masks/record-sale.ts',
    description: 'A rationed sale: stock, the buyer’s weekly count and the sale in one transaction.',
    triggers: [{ kind: 'http', method: 'POST', path: '/v1/stores/{code}/sales', auth: 'store-key', operationId: 'recordSale' }],
    uses: { tables: { stores: 'read-write', 'mask-sales': 'read-write' }, secrets: ['id-pepper'] },
  },
  {
    name: 'import-stores',
    entry: 'functions/masks/import-stores.ts',
    description: 'National administrators import stores from CSV or JSON; upsert by code with per-row errors.',
    triggers: [{ kind: 'http', method: 'POST', path: '/v1/admin/stores:import', auth: 'official', operationId: 'importStores' }],
    uses: { tables: { stores: 'read-write', 'store-imports': 'read-write', audit: 'read-write' }, geocoder: true },
    timeoutSeconds: 29,
    memoryMb: 1024,
  },
  {
    name: 'get-store-import',
    entry: 'functions/masks/get-store-import.ts',
    description: 'Progress and outcome of a store import.',
    triggers: [{ kind: 'http', method: 'GET', path: '/v1/admin/imports/{importId}', auth: 'official', operationId: 'getStoreImport' }],
    uses: { tables: { 'store-imports': 'read' } },
  },
  {
    name: 'rotate-store-key',
    entry: 'functions/masks/rotate-store-key.ts',
    description: 'Issues a store’s new API key, shown once; the old one stops working.',
    triggers: [
      { kind: 'http', method: 'POST', path: '/v1/admin/stores/{code}/keys:rotate', auth: 'official', operationId: 'rotateStoreKey' },
    ],
    uses: { tables: { stores: 'read', credentials: 'read-write', audit: 'read-write' }, secrets: ['id-pepper'] },
  },
  {
    name: 'project-store-cells',
    entry: 'functions/masks/project-store-cells.ts',
    description: 'Keeps the per-cell read model in step with the stores table.',
    triggers: [{ kind: 'stream', table: 'stores', batchSize: 1000 }],
    uses: { tables: { 'store-cells': 'read-write' } },
    memoryMb: 1024,
  },
  {
    name: 'legacy-stores-by-geo',
    entry: 'functions/masks/legacy-stores-by-geo.ts',
    description: 'The 2020 API: stores within m metres of a point.',
    triggers: [
      { kind: 'http', method: 'GET', path: '/corona19-masks/v1/storesByGeo/json', auth: 'public', operationId: 'legacyStoresByGeo' },
    ],
    uses: { tables: { 'store-cells': 'read' } },
    memoryMb: 1024,
  },
  {
    name: 'legacy-stores-by-addr',
    entry: 'functions/masks/legacy-stores-by-addr.ts',
    description: 'The 2020 API: stores whose address starts with the given words.',
    triggers: [
      { kind: 'http', method: 'GET', path: '/corona19-masks/v1/storesByAddr/json', auth: 'public', operationId: 'legacyStoresByAddr' },
    ],
    uses: { tables: { stores: 'read' } },
  },
  {
    name: 'legacy-stores',
    entry: 'functions/masks/legacy-stores.ts',
    description: 'The 2020 API: every store, a page at a time.',
    triggers: [{ kind: 'http', method: 'GET', path: '/corona19-masks/v1/stores/json', auth: 'public', operationId: 'legacyStores' }],
    uses: { tables: { stores: 'read' } },
  },
  {
    name: 'legacy-sales',
    entry: 'functions/masks/legacy-sales.ts',
    description: 'The 2020 API: every store’s stock status, a page at a time.',
    triggers: [{ kind: 'http', method: 'GET', path: '/corona19-masks/v1/sales/json', auth: 'public', operationId: 'legacySales' }],
    uses: { tables: { stores: 'read' } },
  },
];
