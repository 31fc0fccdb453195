import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateLocalSecret } from '../../infra/local/local-secrets.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { DEMO_PARTNERS } from '../../infra/local/seed/partners.ts';
import { fixtureManifest } from '../fixtures/fixture-manifest.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let nationalAdmin: string;
let regionAdmin: string;

beforeAll(async () => {
  runtime = await startTestRuntime({ manifest: fixtureManifest });
  api = client(runtime.baseUrl);
  nationalAdmin = await runtime.issuer.sign({ role: 'national-admin', region: '11', officerId: 'partners-national-01' });
  regionAdmin = await runtime.issuer.sign({ role: 'admin', region: '11', officerId: 'partners-admin-01' });
});
afterAll(() => runtime.stop());

/** A card company's webhook as it would send it, to the fixture route every partner signature guards. */
const signedStatus = async (partnerId: string, secret: string): Promise<number> => {
  const body = JSON.stringify({ amount: 1000 });
  const id = `msg_${randomUUID()}`;
  const at = new Date();
  const response = await fetch(`${runtime.baseUrl}/v1/fixtures/partners/${partnerId}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-partner-id': partnerId, 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, at, body) },
    body,
  });
  return response.status;
};

const secretsFile = () => resolve(runtime.dataDir, 'secrets.json');
const storedKeys = () => JSON.parse(JSON.parse(readFileSync(secretsFile(), 'utf8'))['partner-keys']) as Record<string, unknown[]>;

describe('the demo card companies', () => {
  it('are the nine of 2020, each with a secret in the demo credentials that signs at once', async () => {
    expect(runtime.credentials.partners.map((p) => p.id)).toEqual(['kb-kookmin', 'nh', 'lotte', 'bc', 'samsung', 'shinhan', 'woori', 'hana', 'hyundai']);
    for (const partner of runtime.credentials.partners) expect(await signedStatus(partner.id, partner.secret), partner.id).toBe(202);
    const listed = await api.get('/v1/admin/partners', { bearer: nationalAdmin });
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((p: { partnerId: string }) => p.partnerId)).toEqual(expect.arrayContaining(DEMO_PARTNERS.map((p) => p.partnerId)));
    // The listing says a partner has a valid secret, never what it is.
    expect(listed.text).not.toContain('whsec_');
    expect(listed.json.items.find((p: { partnerId: string }) => p.partnerId === 'nh')).toMatchObject({ name: 'NH NongHyup Card', validSecrets: 1, previousValidUntil: null });
  });
});

describe('adding a partner', () => {
  it('answers its secret once; the company signs with it at once; adding it again is a 409 naming body.partnerId and keeps the secret', async () => {
    const added = await api.post('/v1/admin/partners', { bearer: nationalAdmin, body: { partnerId: 'kakao-bank', name: 'Kakao Bank' } });
    expect(added.status).toBe(201);
    expect(added.headers.get('cache-control')).toBe('no-store');
    expect(added.json).toMatchObject({ partnerId: 'kakao-bank', name: 'Kakao Bank', addedBy: 'partners-national-01' });
    expect(Buffer.from(added.json.secret.replace(/^whsec_/, ''), 'base64').length).toBeGreaterThanOrEqual(24);
    // Locally the secrets file is re-read on change: accepted at once.
    expect(Date.parse(added.json.acceptedFrom)).toBeLessThanOrEqual(Date.now());
    expect(await signedStatus('kakao-bank', added.json.secret)).toBe(202);

    const again = await api.post('/v1/admin/partners', { bearer: nationalAdmin, body: { partnerId: 'kakao-bank', name: 'Another name' } });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    expect(again.json.errors).toEqual([{ field: 'body.partnerId', message: expect.any(String) }]);
    expect(again.text).not.toContain('whsec_');
    expect(await signedStatus('kakao-bank', added.json.secret)).toBe(202);
    const listed = await api.get('/v1/admin/partners', { bearer: nationalAdmin });
    expect(listed.json.items.find((p: { partnerId: string }) => p.partnerId === 'kakao-bank').name).toBe('Kakao Bank');
  });

  it('refuses a partner id that is not lowercase words with dashes, naming the field, and adds nothing', async () => {
    const before = storedKeys();
    const bad = await api.post('/v1/admin/partners', { bearer: nationalAdmin, body: { partnerId: 'KB Kookmin', name: 'KB' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toContain('body.partnerId');
    expect(storedKeys()).toEqual(before);
  });

  it('is for national admins only: a region admin gets 403 on every partner route and changes nothing', async () => {
    const before = storedKeys();
    expect((await api.post('/v1/admin/partners', { bearer: regionAdmin, body: { partnerId: 'toss', name: 'Toss' } })).status).toBe(403);
    expect((await api.post('/v1/admin/partners/nh:rotate-secret', { bearer: regionAdmin })).status).toBe(403);
    expect((await api.get('/v1/admin/partners', { bearer: regionAdmin })).status).toBe(403);
    expect((await api.get('/v1/admin/partners')).status).toBe(401);
    expect(storedKeys()).toEqual(before);
  });
});

describe('rotating a secret', () => {
  it('keeps the previous secret valid for 24 hours beside the new one, and a second rotation drops the oldest', async () => {
    const { json: added } = await api.post('/v1/admin/partners', { bearer: nationalAdmin, body: { partnerId: 'rotating-card', name: 'Rotating Card' } });
    const first = await api.post('/v1/admin/partners/rotating-card:rotate-secret', { bearer: nationalAdmin });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.json.secret).not.toBe(added.secret);
    expect(Math.abs(Date.parse(first.json.previousValidUntil) - (Date.now() + 24 * 3_600_000))).toBeLessThan(60_000);
    expect(await signedStatus('rotating-card', first.json.secret)).toBe(202);
    expect(await signedStatus('rotating-card', added.secret)).toBe(202);
    const listed = await api.get('/v1/admin/partners', { bearer: nationalAdmin });
    expect(listed.json.items.find((p: { partnerId: string }) => p.partnerId === 'rotating-card')).toMatchObject({ validSecrets: 2, previousValidUntil: first.json.previousValidUntil, rotatedAt: expect.any(String) });

    const second = await api.post('/v1/admin/partners/rotating-card:rotate-secret', { bearer: nationalAdmin });
    expect(await signedStatus('rotating-card', added.secret)).toBe(401);
    expect(await signedStatus('rotating-card', first.json.secret)).toBe(202);
    expect(await signedStatus('rotating-card', second.json.secret)).toBe(202);
    // The secret it replaced gets a whole grace of its own.
    expect(Date.parse(second.json.previousValidUntil)).toBeGreaterThan(Date.parse(first.json.previousValidUntil));
  });

  it('stops accepting the previous secret once its grace is over', async () => {
    const { json: added } = await api.post('/v1/admin/partners', { bearer: nationalAdmin, body: { partnerId: 'graceful-card', name: 'Graceful Card' } });
    const { json: rotated } = await api.post('/v1/admin/partners/graceful-card:rotate-secret', { bearer: nationalAdmin });
    // A day later, as far as the secret's value says: the grace's end is in the value, not in a cache.
    const keys = storedKeys();
    keys['graceful-card'] = [rotated.secret, { secret: added.secret, validUntil: new Date(Date.now() - 1000).toISOString() }];
    await updateLocalSecret(secretsFile(), 'partner-keys', JSON.stringify(keys));
    expect(await signedStatus('graceful-card', added.secret)).toBe(401);
    expect(await signedStatus('graceful-card', rotated.secret)).toBe(202);
  });

  it('answers 404 for a partner nobody added, and 400 for a path that is not <partnerId>:rotate-secret', async () => {
    expect((await api.post('/v1/admin/partners/nobody-card:rotate-secret', { bearer: nationalAdmin })).status).toBe(404);
    const wrong = await api.post('/v1/admin/partners/nh:rotate', { bearer: nationalAdmin });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors.map((e: { field: string }) => e.field)).toContain('path.partnerAction');
  });
});

describe('admins changing secrets at the same moment', () => {
  it('lose nothing: every added partner’s secret verifies, and of concurrent rotations exactly the last two do', async () => {
    await api.post('/v1/admin/partners', { bearer: nationalAdmin, body: { partnerId: 'busy-card', name: 'Busy Card' } });
    const adds = Array.from({ length: 6 }, (_, i) => api.post('/v1/admin/partners', { bearer: nationalAdmin, body: { partnerId: `parallel-card-${i}`, name: `Parallel ${i}` } }));
    const rotations = Array.from({ length: 6 }, () => api.post('/v1/admin/partners/busy-card:rotate-secret', { bearer: nationalAdmin }));
    const [added, rotated] = await Promise.all([Promise.all(adds), Promise.all(rotations)]);
    expect(added.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(rotated.map((r) => r.status)).toEqual(Array(6).fill(200));
    for (const [i, answer] of added.entries()) expect(await signedStatus(`parallel-card-${i}`, answer.json.secret)).toBe(202);
    const verifying = [];
    for (const answer of rotated) if ((await signedStatus('busy-card', answer.json.secret)) === 202) verifying.push(answer.json.secret);
    expect(verifying).toHaveLength(2);
    expect(storedKeys()['busy-card']).toHaveLength(2);
  });
});

describe('the audit trail', () => {
  it('records who added, rotated and listed partners, without their secrets', async () => {
    await api.post('/v1/admin/partners', { bearer: nationalAdmin, body: { partnerId: 'audited-card', name: 'Audited Card' } });
    await api.post('/v1/admin/partners/audited-card:rotate-secret', { bearer: nationalAdmin });
    await api.get('/v1/admin/partners', { bearer: nationalAdmin });
    const trail = await api.get('/v1/admin/audit?limit=500', { bearer: nationalAdmin });
    expect(trail.status).toBe(200);
    const entries = trail.json.items as { action: string; subject: { id: string }; actor: { officerId?: string } }[];
    expect(entries.filter((e) => e.subject.id === 'audited-card').map((e) => e.action)).toEqual(['partner.add', 'partner.rotate-secret']);
    expect(entries.some((e) => e.action === 'partner.list' && e.actor.officerId === 'partners-national-01')).toBe(true);
    expect(trail.text).not.toContain('whsec_');
  });
});

describe('the lease on the partner-keys secret', () => {
  it('is held by one admin at a time, lapses after its time if its holder died, and is released only by its holder', async () => {
    const { PartnersRepository } = await import('../../shared/data/partners-repository.ts');
    const directory = new PartnersRepository();
    const now = new Date();
    const later = (ms: number) => new Date(now.getTime() + ms);
    expect(await directory.acquireLease('admin-a', now, later(30_000))).toBe(true);
    expect(await directory.acquireLease('admin-b', later(1_000), later(31_000))).toBe(false);
    // admin-a died holding it: after its 30 s, admin-b takes over, and a late release by admin-a leaves it to b.
    expect(await directory.acquireLease('admin-b', later(30_001), later(60_001))).toBe(true);
    await directory.releaseLease('admin-a');
    expect(await directory.acquireLease('admin-c', later(31_000), later(61_000))).toBe(false);
    await directory.releaseLease('admin-b');
    expect(await directory.acquireLease('admin-c', later(31_000), later(61_000))).toBe(true);
    await directory.releaseLease('admin-c');
    // The lease is no partner: the listing never shows it.
    expect((await directory.list()).map((p) => p.partnerId).some((id) => id.startsWith('#'))).toBe(false);
  });
});
