import { randomUUID } from 'node:crypto';
import { requireNationalAdmin, type Principal } from '../../shared/auth/principal.ts';
import { AuditRepository } from '../../shared/data/audit-repository.ts';
import { RegistryImportsRepository } from '../../shared/data/registry-imports-repository.ts';
import { idempotencyKeyReused } from '../../shared/http/problem.ts';
import { json, type Reply } from '../../shared/http/route.ts';
import { requestFingerprint } from '../../shared/platform/request-fingerprint.ts';
import { requestUpload, type ImportKind } from '../../shared/relief/registry-import.ts';
import { uploadStore } from '../../shared/uploads.ts';

const imports = new RegistryImportsRepository();
const uploads = uploadStore();
const audit = new AuditRepository();
const CONTENT_TYPE = { csv: 'text/csv', json: 'application/json' } as const;

/**
 * An import of `kind` waiting for its file: the upload URL, audited as `<kind>.import`. Both import
 * routes are this; they differ in what the worker does with the rows.
 */
export const startUpload = async (
  kind: ImportKind,
  request: { body: { importId?: string | undefined; format: 'csv' | 'json' }; principal: Principal; requestId: string },
): Promise<Reply> => {
  const { officerId, role, region } = requireNationalAdmin(request.principal);
  const importId = request.body.importId ?? randomUUID();
  const { format } = request.body;
  const result = await requestUpload({ imports, now: () => new Date() }, { importId, kind, format, officerId, fingerprint: requestFingerprint({ kind, format }) });
  if (result.outcome === 'id-reused') throw idempotencyKeyReused(`importId ${importId} was already used for another import; start this one with a new importId.`);
  const { record } = result;
  if (result.outcome === 'created') {
    await audit.append({
      actor: { kind: 'official', officerId, role, region },
      action: `${kind}.import`,
      subject: { kind: 'import', id: importId },
      region,
      at: record.createdAt,
      requestId: request.requestId,
      note: `${format} upload requested`,
    });
  }
  const uploadHeaders = { 'content-type': CONTENT_TYPE[format], 'if-none-match': '*' };
  const uploadUrl = await uploads.uploadUrl(record.uploadKey, CONTENT_TYPE[format], new Date(record.uploadExpiresAt));
  return json({ importId, uploadUrl, expiresAt: record.uploadExpiresAt, uploadHeaders }, result.outcome === 'created' ? 201 : 200, { 'cache-control': 'no-store' });
};
