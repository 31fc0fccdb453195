import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { StoreCellsRepository } from '../../shared/data/store-cells-repository.ts';
import { instrumented } from '../../shared/instrumented.ts';
import { projectToCells, type StoreChange } from '../../shared/masks/cell-projection.ts';

const cells = new StoreCellsRepository();
/** Cells written at once: enough to keep up with a 25,000-row import, few enough not to throttle. */
const PARALLEL = 16;
const image = (raw: unknown) => (raw ? unmarshall(raw as Record<string, AttributeValue>) : undefined);

/**
 * Idempotent: each cell gets the latest snapshot of its stores, so a retried batch writes the same
 * state again. On failure the whole batch is retried (snapshots are whole, so order is kept).
 */
export const handler = instrumented<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(async (event) => {
  const changes: StoreChange[] = event.Records.map((record) => ({
    before: image(record.dynamodb?.OldImage) as StoreChange['before'],
    after: image(record.dynamodb?.NewImage) as StoreChange['after'],
  })).filter((change) => (change.after ?? change.before)?.code && !(change.after ?? change.before)?.code.startsWith('meta#'));

  // One write per cell per batch: on AWS each write is billed by the size of the whole cell item.
  const work = projectToCells(changes);
  for (let i = 0; i < work.length; i += PARALLEL) {
    await Promise.all(work.slice(i, i + PARALLEL).map((u) => cells.apply(u.cell, u.snapshots, u.removed)));
  }
  return { batchItemFailures: [] };
});
