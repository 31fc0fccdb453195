import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

describe('the demo card companies on a restart', { timeout: 120_000 }, () => {
  it('are seeded once per data directory: the same demo secrets again, and a partner an admin rotated keeps its new secret', async () => {
    const same = { dataDir: mkdtempSync(join(tmpdir(), 'crisis-partners-')), tablePrefix: `t${randomBytes(4).toString('hex')}-` };
    const first = await startTestRuntime(same);
    const before = first.credentials.partners;
    const admin = await first.issuer.sign({ role: 'national-admin', region: '11', officerId: 'partners-demo-national' });
    const api = client(first.baseUrl);
    // Two rotations: woori's demo secret is no longer among its two valid ones.
    await api.post('/v1/admin/partners/woori:rotate-secret', { bearer: admin });
    const { json: rotated } = await api.post('/v1/admin/partners/woori:rotate-secret', { bearer: admin });
    await first.stop();

    const second = await startTestRuntime(same);
    try {
      expect(second.credentials.partners).toEqual(before.filter((p) => p.id !== 'woori'));
      const listed = await client(second.baseUrl).get('/v1/admin/partners', { bearer: await second.issuer.sign({ role: 'national-admin', region: '11', officerId: 'partners-demo-national' }) });
      expect(listed.json.items.filter((p: { partnerId: string }) => p.partnerId === 'woori')).toEqual([expect.objectContaining({ validSecrets: 2, rotatedAt: expect.any(String) })]);
      expect(listed.json.items).toHaveLength(9);
      // The restart did not put the demo secret back over the rotated one.
      const { secrets } = await import('../../shared/secrets.ts');
      const keys = JSON.parse(await secrets.get('partner-keys', { fresh: true })) as Record<string, unknown[]>;
      expect(keys['woori']?.[0]).toBe(rotated.secret);
    } finally {
      await second.stop();
    }
  });
});
