import type { FunctionSpec } from './types.ts';

/** What the officials' console reads that no other client does: the masks of a region at a glance. */
export const consoleFunctions: readonly FunctionSpec[] = [
  {
    name: 'get-masks-summary',
    entry: 'functions/masks/get-masks-summary.ts',
    description: 'Counts of each region’s stores by stock band, for the console’s chart.',
    triggers: [{ kind: 'http', method: 'GET', path: '/v1/admin/masks/summary', auth: 'official', operationId: 'getMasksSummary' }],
    uses: { tables: { stores: 'read' } },
  },
  {
    name: 'list-region-stores',
    entry: 'functions/masks/list-region-stores.ts',
    description: 'A region’s stores in one stock band (the empty ones, for the console’s map), a page at a time.',
    triggers: [{ kind: 'http', method: 'GET', path: '/v1/admin/masks/stores', auth: 'official', operationId: 'listRegionStores' }],
    uses: { tables: { stores: 'read' } },
  },
];
