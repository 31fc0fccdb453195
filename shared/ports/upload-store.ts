import type { Readable } from 'node:stream';

/**
 * Files too large for a request (imports): an S3 bucket on AWS, `<DATA_DIR>/uploads/` locally. A client
 * puts a file once at the URL it was handed (with `If-None-Match: *`, so an upload never replaces one);
 * each new file is announced on the manifest's uploads queue.
 */
export interface UploadStore {
  uploadUrl(key: string, contentType: string, expiresAt: Date): Promise<string>;
  /** Bytes of the uploaded file; undefined when nothing was uploaded there. */
  size(key: string): Promise<number | undefined>;
  /** The file's bytes from `start` up to, not including, `end`. */
  read(key: string, range?: { start: number; end: number }): Promise<Readable>;
}

/** What an upload's announcement says, on AWS an S3 event notification. */
export interface UploadedFile {
  readonly key: string;
  readonly size: number;
}
