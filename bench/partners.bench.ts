/**
 * What card companies' secrets cost. Rotations of one partner's secret are serialised by the lease on
 * the `partner-keys` secret: measured sequentially and with 8 admins at once (the lease makes them
 * queue; the ratio says how much of a rotation is waiting), against the admins' listing in the same run.
 * And the verifier during a rotation's grace: a company still signing with its previous secret costs
 * two HMACs, against one with the newest (in-process, `verifyPartnerSignature`).
 */
import { Webhook } from 'standardwebhooks';
import { closedLoop, type ClosedLoopOptions } from './harness/closed-loop.ts';
import { httpLoad } from './harness/load.ts';
import { latencyFigures, publish, ratio } from './harness/results.ts';
import { startSystem } from './harness/system.ts';
import { verifyPartnerSignature } from '../shared/auth/partner-signature.ts';

const SEQUENTIAL: ClosedLoopOptions = { concurrency: 1, warmup: { calls: 30 }, measure: { calls: 300 } };
const CONTENDED: ClosedLoopOptions = { concurrency: 8, warmup: { calls: 30 }, measure: { calls: 300 } };
const VERIFY: ClosedLoopOptions = { concurrency: 1, warmup: { calls: 2_000 }, measure: { calls: 20_000 } };

const progress = (text: string) => process.stderr.write(`  ${text}\n`);
const started = performance.now();
const system = await startSystem({ demoStores: 0 });
progress(`system up in ${((performance.now() - started) / 1000).toFixed(1)} s at ${system.baseUrl}`);

try {
  const admin = system.credentials.officials.find((o) => o.role === 'national-admin');
  if (!admin) throw new Error('No seeded national admin');
  const headers = { authorization: `Bearer ${admin.token}` };
  const rotate = (options: ClosedLoopOptions) => httpLoad({ baseUrl: system.baseUrl, request: { method: 'POST', path: '/v1/admin/partners/nh:rotate-secret', headers }, ...options });
  const list = (options: ClosedLoopOptions) => httpLoad({ baseUrl: system.baseUrl, request: { path: '/v1/admin/partners', headers }, ...options });

  progress('rotations, sequential');
  const rotateSeq = await rotate(SEQUENTIAL);
  progress('listing, sequential');
  const listSeq = await list(SEQUENTIAL);
  progress('rotations, 8 admins at once');
  const rotateContended = await rotate(CONTENDED);

  const newest = `whsec_${Buffer.from('n'.repeat(32)).toString('base64')}`;
  const previous = `whsec_${Buffer.from('p'.repeat(32)).toString('base64')}`;
  const body = JSON.stringify({ authorizationId: 'auth-1', grantId: 'g-1', amount: 12000, merchant: { id: 'm-1', name: 'Grocery', mcc: '5411', regionCode: '11', online: false }, at: new Date().toISOString() });
  const signedWith = (secret: string) => {
    const at = new Date();
    return { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign('msg_1', at, body) };
  };
  const byNewest = signedWith(newest);
  const byPrevious = signedWith(previous);
  const verify = async (signature: Record<string, string>) => {
    if (!verifyPartnerSignature([newest, previous], body, signature)) throw new Error('did not verify');
  };
  progress('verifications, newest secret');
  const newestVerify = await closedLoop(() => verify(byNewest), VERIFY);
  progress('verifications, previous secret');
  const previousVerify = await closedLoop(() => verify(byPrevious), VERIFY);

  if (system.handlerErrors.count > 0) throw new Error(`${system.handlerErrors.count} handler errors; the first: ${String(system.handlerErrors.first)}`);
  for (const [label, result] of Object.entries({ rotateSeq, listSeq, rotateContended })) if (result.errors > 0) throw new Error(`${label}: ${result.errors} failed, e.g. ${result.firstError}`);

  publish('partners', [
    ...latencyFigures('rotate-secret (HTTP), sequential', rotateSeq.latency, ['p50', 'p99']),
    ...latencyFigures('list partners (HTTP), sequential (baseline)', listSeq.latency, ['p50', 'p99']),
    { name: 'rotate-secret, 8 admins at once', value: rotateContended.perSecond, unit: 'rotations/s', better: 'higher' },
    ...latencyFigures('rotate-secret, 8 admins at once', rotateContended.latency, ['p50', 'p99']),
    ratio('rotations/s with 8 admins / sequential', rotateContended.perSecond, rotateSeq.perSecond, 'higher'),
    ratio('rotate-secret p50 / list p50', rotateSeq.latency.p50, listSeq.latency.p50, 'lower'),
    { name: 'verifications/s, signed with the newest secret', value: newestVerify.perSecond, unit: 'verifications/s', better: 'higher' },
    { name: 'verifications/s, signed with the previous secret (grace)', value: previousVerify.perSecond, unit: 'verifications/s', better: 'higher' },
    ratio('verifications/s previous / newest', previousVerify.perSecond, newestVerify.perSecond, 'higher'),
  ]);
} finally {
  await system.stop();
}
progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
