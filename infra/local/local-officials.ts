import type { DirectoryOfficial } from '../../shared/officials/official.ts';
import type { OfficialClaims } from './official-issuer.ts';

/**
 * Puts an official in the directory of the local system this process is wired to, unless one with that
 * officer id is there already (whatever state it is in: a disabled official stays disabled). For the local
 * tools that mint tokens for officials no admin created: `npm run token`, the test runtime's issuer, the
 * benches. Never on a request path, and never deployed. Imported after the runtime has set the
 * environment, like a handler.
 */
export const registerOfficial = async (
  claims: OfficialClaims,
  details: { readonly name?: string; readonly email?: string; readonly createdBy: string },
): Promise<DirectoryOfficial> => {
  const { OfficialsRepository } = await import('../../shared/data/officials-repository.ts');
  const directory = new OfficialsRepository();
  const known = await directory.get(claims.officerId);
  if (known) return known;
  const official: DirectoryOfficial = {
    officerId: claims.officerId,
    role: claims.role,
    region: claims.region,
    name: details.name ?? claims.officerId,
    // example.org is reserved for examples (RFC 2606): no mail can reach anyone there.
    email: (details.email ?? `${claims.officerId}@local.example.org`).toLowerCase(),
    enabled: true,
    createdAt: new Date().toISOString(),
    createdBy: details.createdBy,
  };
  const created = await directory.create(official, 'local');
  if (created.kind === 'officer-id-taken') return created.existing;
  if (created.kind === 'email-taken') throw new Error(`Another official already has the e-mail address ${official.email}.`);
  return official;
};
