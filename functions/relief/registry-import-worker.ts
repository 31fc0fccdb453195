import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { HouseholdsRepository } from '../../shared/data/households-repository.ts';
import { RegistryImportsRepository } from '../../shared/data/registry-imports-repository.ts';
import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { geocoder } from '../../shared/geocoder.ts';
import { instrumented } from '../../shared/instrumented.ts';
import { logger } from '../../shared/observability.ts';
import { applyStoreChunk } from '../../shared/masks/store-import.ts';
import { residentKey } from '../../shared/relief/resident-key.ts';
import { importChunk, planUpload, type ChunkMessage } from '../../shared/relief/registry-import.ts';
import { secrets } from '../../shared/secrets.ts';
import { uploadStore, workQueue } from '../../shared/uploads.ts';

const stores = new StoresRepository();
const deps = {
  imports: new RegistryImportsRepository(),
  households: new HouseholdsRepository(),
  uploads: uploadStore(),
  queue: workQueue('registry-imports'),
  hash: async () => {
    const pepper = await secrets.get('id-pepper');
    return (digits: string) => residentKey(pepper, digits);
  },
  now: () => new Date(),
  storeChunk: (message: ChunkMessage, text: string) => applyStoreChunk({ writer: stores, geocoder, now: () => new Date() }, message, text),
};

/** S3's ObjectCreated notification (keys URL-encoded, spaces as +), or a chunk the planner sent. */
type Message = ChunkMessage | { Records?: { eventName?: string; s3?: { object?: { key?: string; size?: number } } }[]; Event?: string };

/**
 * Each message on its own: a message that fails is reported (partial batch failure) and comes back
 * after the visibility timeout, up to the queue's max receives, then to its dead-letter queue.
 */
export const handler = instrumented<SQSEvent, SQSBatchResponse>().handler(async (event) => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const message = JSON.parse(record.body) as Message;
      if ('kind' in message && message.kind === 'chunk') {
        await importChunk(deps, message);
        continue;
      }
      // S3 sends `s3:TestEvent` when the notification is first configured: nothing to import.
      for (const s3 of ('Records' in message ? message.Records : undefined) ?? []) {
        if (!s3.eventName?.startsWith('ObjectCreated') || !s3.s3?.object?.key) continue;
        await planUpload(deps, { key: decodeURIComponent(s3.s3.object.key.replace(/\+/g, ' ')), size: s3.s3.object.size ?? 0 });
      }
    } catch (error) {
      logger.error('import message failed', { error, messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
});
