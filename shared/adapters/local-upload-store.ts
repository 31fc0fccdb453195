import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { UploadStore } from '../ports/upload-store.ts';

/** Where the local gateway takes uploads: `PUT /local/uploads/<key>?expires=…&signature=…`. */
export const LOCAL_UPLOADS_PATH = '/local/uploads/';

const signature = (secret: string, key: string, expires: number): string =>
  createHmac('sha256', secret).update(`PUT\n${key}\n${expires}`).digest('base64url');

/** Upload keys are `<kind>/<id>.<ext>`: nothing that could leave the uploads directory. */
export const isUploadKey = (key: string): boolean => /^[a-z-]+\/[A-Za-z0-9-]{8,64}\.(csv|json)$/.test(key);

/** Whether a local upload URL's signature holds for this key and has not expired. */
export const verifyLocalUpload = (secret: string, key: string, query: URLSearchParams, now = Date.now()): 'ok' | 'expired' | 'invalid' => {
  const expires = Number(query.get('expires'));
  const given = Buffer.from(query.get('signature') ?? '');
  const expected = Buffer.from(signature(secret, key, expires));
  if (!isUploadKey(key) || !Number.isInteger(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return expires * 1000 < now ? 'expired' : 'ok';
};

export const localUploadFile = (dir: string, key: string): string => {
  const path = resolve(dir, key);
  if (!isUploadKey(key) || !path.startsWith(resolve(dir) + sep)) throw new Error(`Not an upload key: ${key}`);
  return path;
};

/** S3 as the local runtime has it: files under the data directory, URLs on the local gateway signed like presigned ones. */
export class LocalUploadStore implements UploadStore {
  constructor(
    private readonly dir: string,
    private readonly gateway: () => { baseUrl: string; key: string },
  ) {}

  async uploadUrl(key: string, _contentType: string, expiresAt: Date): Promise<string> {
    const { baseUrl, key: secret } = this.gateway();
    const expires = Math.floor(expiresAt.getTime() / 1000);
    return `${baseUrl}${LOCAL_UPLOADS_PATH}${key}?expires=${expires}&signature=${signature(secret, key, expires)}`;
  }

  async size(key: string): Promise<number | undefined> {
    try {
      return (await stat(localUploadFile(this.dir, key))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable> {
    if (range && range.end <= range.start) return Readable.from([]);
    return createReadStream(localUploadFile(this.dir, key), range ? { start: range.start, end: range.end - 1 } : {});
  }
}
