import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { link, stat, unlink } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HttpProblem, methodNotAllowed, forbidden } from '../../shared/http/problem.ts';
import { localUploadFile, LOCAL_UPLOADS_PATH, verifyLocalUpload } from '../../shared/adapters/local-upload-store.ts';
import type { UploadedFile } from '../../shared/ports/upload-store.ts';

export interface LocalUploads {
  readonly dir: string;
  /** The key the local upload URLs are signed with (made per start: a restart ends the URLs handed out). */
  readonly secret: string;
  /** What S3's ObjectCreated notification does on AWS: tells the uploads' queue. */
  readonly announce: (file: UploadedFile) => void;
}

export const isLocalUploadPath = (path: string | undefined): boolean => (path ?? '').startsWith(LOCAL_UPLOADS_PATH);

/** An S3 event notification, as the bucket sends it to the queue on AWS. */
export const s3Event = (file: UploadedFile): unknown => ({
  Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'local' }, object: { key: encodeURIComponent(file.key), size: file.size } } }],
});

const preconditionFailed = (detail: string) => new HttpProblem({ type: 'precondition-failed', title: 'Already uploaded', status: 412, detail });

/**
 * A presigned PUT, locally: the body is streamed to disk (no size limit but the disk's: the gateway's
 * 10 MB limit is for API routes, as on AWS where uploads go to S3, not through API Gateway), kept only
 * once complete, and never replaces an earlier upload to the same key (S3's `If-None-Match: *`).
 */
export const acceptLocalUpload = async (uploads: LocalUploads, request: IncomingMessage, url: URL): Promise<{ status: number; etag: string }> => {
  if (request.method !== 'PUT') throw methodNotAllowed(request.method ?? 'GET', url.pathname, ['PUT']);
  const key = decodeURIComponent(url.pathname.slice(LOCAL_UPLOADS_PATH.length));
  const verdict = verifyLocalUpload(uploads.secret, key, url.searchParams);
  if (verdict !== 'ok') throw forbidden(verdict === 'expired' ? 'This upload URL has expired; ask for a new one.' : 'This upload URL is not valid.');
  const path = localUploadFile(uploads.dir, key);
  mkdirSync(dirname(path), { recursive: true });
  if (await stat(path).then(() => true, () => false)) throw preconditionFailed(`A file was already uploaded for ${key}; start a new import.`);
  const part = `${path}.${randomBytes(6).toString('hex')}.part`;
  try {
    await pipeline(request, createWriteStream(part));
    // link, not rename: it fails when another upload got there first, so the first file stays.
    await link(part, path).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EEXIST' ? preconditionFailed(`A file was already uploaded for ${key}; start a new import.`) : error;
    });
  } finally {
    await unlink(part).catch(() => undefined);
  }
  const { size, mtimeMs } = await stat(path);
  uploads.announce({ key, size });
  return { status: 200, etag: `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"` };
};
