import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit/audit-trail.ts';
import type { Official } from '../../../shared/auth/principal.ts';
import { parsePartnerKeys, validSecrets } from '../../../shared/relief/partner-secrets.ts';
import { Partners, type Partner, type PartnerDirectory } from '../../../shared/relief/partners.ts';

const admin: Official = { kind: 'official', role: 'national-admin', region: '11', officerId: 'national-admin-01' };

/** The table as a map, the lease as one holder: the rules without DynamoDB (the repository is tested on DynamoDB Local). */
const fakeDirectory = (options: { leaseHeldBy?: string } = {}) => {
  const partners = new Map<string, Partner>();
  let lease = options.leaseHeldBy;
  const directory: PartnerDirectory = {
    get: async (id) => partners.get(id),
    create: async (partner) => (partners.has(partner.partnerId) ? false : (partners.set(partner.partnerId, partner), true)),
    markRotated: async (id, at) => void partners.set(id, { ...(partners.get(id) as Partner), rotatedAt: at }),
    list: async () => [...partners.values()],
    acquireLease: async (holder) => (lease === undefined ? ((lease = holder), true) : false),
    releaseLease: async (holder) => void (lease === holder ? (lease = undefined) : undefined),
  };
  return { directory, partners, leaseHolder: () => lease };
};

const setup = (options: { leaseHeldBy?: string; failWrite?: boolean } = {}) => {
  const fake = fakeDirectory(options);
  let stored = '{}';
  const audit: AuditEvent[] = [];
  let counter = 0;
  const service = new Partners({
    directory: fake.directory,
    keys: {
      read: async () => stored,
      write: async (text) => {
        if (options.failWrite) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        stored = text;
      },
      staleSeconds: 300,
    },
    audit: { append: async (event) => audit.push(event) },
    actorOf: (official) => ({ kind: 'official', officerId: official.officerId, role: official.role, region: official.region }),
    randomKey: () => new Uint8Array(32).fill(++counter),
    now: () => new Date('2026-12-02T09:00:00Z'),
    pause: async () => undefined,
  });
  return { service, fake, audit, stored: () => parsePartnerKeys(stored) };
};

describe('the partners service', () => {
  it('says when every server accepts a new secret: after the read cache’s lifetime', async () => {
    const { service } = setup();
    const added = await service.add(admin, { partnerId: 'nh', name: 'NH' }, 'req-1');
    expect(added).toMatchObject({ kind: 'added', acceptedFrom: '2026-12-02T09:05:00.000Z' });
  });

  it('answers busy and changes nothing while another admin holds the lease for longer than it waits', async () => {
    const { service, fake, audit, stored } = setup({ leaseHeldBy: 'someone-else' });
    expect(await service.add(admin, { partnerId: 'nh', name: 'NH' }, 'req-1')).toEqual({ kind: 'busy' });
    expect(fake.partners.size).toBe(0);
    expect(stored()).toEqual({});
    expect(audit).toEqual([]);
    expect(fake.leaseHolder()).toBe('someone-else');
  });

  it('releases the lease when writing the secret fails, so the next admin is not kept waiting', async () => {
    const { service, fake, audit } = setup({ failWrite: true });
    await expect(service.add(admin, { partnerId: 'nh', name: 'NH' }, 'req-1')).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(fake.leaseHolder()).toBeUndefined();
    // The secret failed first: no partner without a secret, no audit line for what did not happen.
    expect(fake.partners.size).toBe(0);
    expect(audit).toEqual([]);
  });

  it('refuses to add an existing partner and leaves its secret as it was', async () => {
    const { service, stored } = setup();
    await service.add(admin, { partnerId: 'nh', name: 'NH' }, 'req-1');
    const before = stored();
    expect(await service.add(admin, { partnerId: 'nh', name: 'Other' }, 'req-2')).toEqual({ kind: 'exists', partnerId: 'nh' });
    expect(stored()).toEqual(before);
  });

  it('rotates only a partner that exists, audited with the request id', async () => {
    const { service, audit, stored } = setup();
    expect(await service.rotate(admin, 'nobody', 'req-0')).toEqual({ kind: 'not-found', partnerId: 'nobody' });
    const added = await service.add(admin, { partnerId: 'nh', name: 'NH' }, 'req-1');
    const rotated = await service.rotate(admin, 'nh', 'req-2');
    expect(rotated).toMatchObject({ kind: 'rotated', previousValidUntil: '2026-12-03T09:00:00.000Z' });
    expect(validSecrets(stored()['nh'] ?? [], new Date('2026-12-02T10:00:00Z'))).toEqual([rotated.kind === 'rotated' && rotated.secret, added.kind === 'added' && added.secret]);
    expect(audit.map((e) => [e.action, e.subject.id, e.requestId])).toEqual([
      ['partner.add', 'nh', 'req-1'],
      ['partner.rotate-secret', 'nh', 'req-2'],
    ]);
  });
});

describe('a rotation that fails', () => {
  it('before the new secret is stored leaves the company’s secret as it was, so retrying it never drops that one', async () => {
    const fake = fakeDirectory();
    let stored = '{}';
    let auditFails = false;
    let counter = 0;
    const service = new Partners({
      directory: fake.directory,
      keys: { read: async () => stored, write: async (text) => void (stored = text), staleSeconds: 0 },
      audit: {
        append: async () => {
          if (auditFails) throw Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' });
        },
      },
      actorOf: (official) => ({ kind: 'official', officerId: official.officerId, role: official.role, region: official.region }),
      randomKey: () => new Uint8Array(32).fill(++counter),
      pause: async () => undefined,
    });
    const added = await service.add(admin, { partnerId: 'nh', name: 'NH' }, 'req-1');
    auditFails = true;
    // The admin sees a 503 and no secret.
    await expect(service.rotate(admin, 'nh', 'req-2')).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
    expect(validSecrets(parsePartnerKeys(stored)['nh'] ?? [], new Date())).toEqual([added.kind === 'added' && added.secret]);
    auditFails = false;
    const retried = await service.rotate(admin, 'nh', 'req-3');
    expect(validSecrets(parsePartnerKeys(stored)['nh'] ?? [], new Date())).toEqual([retried.kind === 'rotated' && retried.secret, added.kind === 'added' && added.secret]);
    expect(fake.leaseHolder()).toBeUndefined();
  });
});
