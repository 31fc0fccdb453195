import { LocalUploadStore } from './adapters/local-upload-store.ts';
import { LocalWorkQueue } from './adapters/local-work-queue.ts';
import { S3UploadStore } from './adapters/s3-upload-store.ts';
import { SqsWorkQueue } from './adapters/sqs-work-queue.ts';
import { config } from './config.ts';
import type { UploadStore } from './ports/upload-store.ts';
import type { WorkQueue } from './ports/work-queue.ts';

/** The upload storage of the runtime; only functions that declare `uses.uploads` have its configuration. */
export const uploadStore = (): UploadStore =>
  config.runtime === 'aws' ? new S3UploadStore(config.uploads()) : new LocalUploadStore(config.uploads(), config.localUploads);

/** A queue of the manifest that the function declares in `uses.queues`. */
export const workQueue = (name: string): WorkQueue => (config.runtime === 'aws' ? new SqsWorkQueue(config.queueUrl(name)) : new LocalWorkQueue(name));
