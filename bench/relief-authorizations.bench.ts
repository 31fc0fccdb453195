/**
 * The card companies' authorization webhook (signature, first-answer records, the ledger transaction),
 * against baselines measured in the same run:
 *
 * - latency at a steady 100 authorizations/s through the local gateway (issue 9: p99 ≤ 25 ms), against
 *   the health route (gateway, handler stack, one GetItem) at the same pace; and at 20/s, below saturation;
 * - sustained authorizations/s over many grants at 32 connections, against a bare TransactWriteItems of
 *   as many items (the ledger's floor), a bare one-item transaction (the floor of any ledger that commits
 *   a payment with its balance) and the health route at 32 connections;
 * - one hot grant's authorizations/s, and whether it approved exactly its balance (never more);
 * - signature verifications/s in-process (Standard Webhooks), against one bare HMAC-SHA256 of the same body.
 *
 * Env: BENCH_SECONDS (default 10) for each measured span; BENCH_GRANTS (default 1000).
 */
import { DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { createHmac, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { updateLocalSecret } from '../infra/local/local-secrets.ts';
import { closedLoop } from './harness/closed-loop.ts';
import { LatencyHistogram } from './harness/histogram.ts';
import { httpLoad, type RequestTemplate } from './harness/load.ts';
import { latencyFigures, publish, ratio, type Figure } from './harness/results.ts';
import { startSystem } from './harness/system.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const GRANTS = Number(process.env.BENCH_GRANTS ?? 1000);
const PACE_PER_SECOND = 100;
/** Below what DynamoDB Local's transactions sustain on a small machine: the latency of a payment that does not queue. */
const LIGHT_PER_SECOND = 20;
const CONNECTIONS = 32;
const PARTNER = 'card-bench';
const SECRET = `whsec_${Buffer.from('relief bench partner secret.....').toString('base64')}`;
const GRANT_WON = 100_000_000;

const progress = (text: string) => process.stderr.write(`  ${text}\n`);
const started = performance.now();
const system = await startSystem({ seed: false, reliefProgram: 'demo' });
progress(`system up in ${((performance.now() - started) / 1000).toFixed(1)} s at ${system.baseUrl}`);

try {
  await updateLocalSecret(resolve(system.dataDir, 'secrets.json'), 'partner-keys', JSON.stringify({ [PARTNER]: [SECRET] }));
  const { ReliefLedgerRepository } = await import('../shared/data/relief-ledger-repository.ts');
  const { grantAccount } = await import('../shared/relief/ledger.ts');
  const { verifyPartnerSignature } = await import('../shared/auth/partner-signature.ts');
  const ledger = new ReliefLedgerRepository();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + 30 * 86_400_000).toISOString();

  /** A grant straight in the ledger, as an application commits it (the bench measures payments, not applications). */
  const makeGrant = async (won: number) => {
    const grantId = `grant-bench-${randomUUID()}`;
    const outcome = await ledger.transfer({
      transfers: [{ transferId: `grant:${grantId}`, kind: 'grant', debit: 'treasury', credit: grantAccount(grantId), amount: won, grantId, partnerId: PARTNER }],
      at: now,
      regionCode: '11',
      newGrant: { grantId, householdId: `h-${grantId}`, partnerId: PARTNER, regionCode: '11', expiresAt, createdAt: now.toISOString() },
    });
    if (outcome.kind !== 'applied') throw new Error(`grant ${grantId}: ${outcome.kind}`);
    return grantId;
  };
  progress(`making ${GRANTS} grants`);
  const grants: string[] = [];
  await closedLoop(async () => grants.push(await makeGrant(GRANT_WON)), { concurrency: 8, measure: { calls: GRANTS } });

  const merchant = { id: 'm-bench', name: '동네 빵집', mcc: '5462', regionCode: '11', online: false };
  const signed = (body: object): RequestTemplate => {
    const payload = JSON.stringify(body);
    const webhookId = `msg_${randomUUID()}`;
    return {
      method: 'POST',
      path: '/v1/relief/webhooks/authorizations',
      headers: {
        'content-type': 'application/json',
        'x-partner-id': PARTNER,
        'webhook-id': webhookId,
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': new Webhook(SECRET).sign(webhookId, new Date(), payload),
      },
      body: payload,
    };
  };
  const authorization = (grantId: string, amount: number) => signed({ authorizationId: `auth-${randomUUID()}`, grantId, amount, merchant, at: new Date().toISOString() });

  // 1. Latency at a steady pace, in-process (at 100/s the client barely shares the event loop).
  const paced = async (label: string, send: () => Promise<Response>, perSecond = PACE_PER_SECOND): Promise<LatencyHistogram> => {
    progress(`measuring ${label} at ${perSecond}/s for ${SECONDS} s`);
    const histogram = new LatencyHistogram();
    const inFlight: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < perSecond * SECONDS; i++) {
      const due = t0 + (i * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((done) => setTimeout(done, wait));
      const sent = performance.now();
      inFlight.push(
        send().then(async (response) => {
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`${label} answered ${response.status}`);
          histogram.record(performance.now() - sent);
        }),
      );
    }
    await Promise.all(inFlight);
    return histogram;
  };
  const post = (request: RequestTemplate) => fetch(system.baseUrl + request.path, { method: 'POST', headers: request.headers, body: request.body ?? '' });
  progress('warming up (3 s)');
  await closedLoop(() => post(authorization(grants[0] ?? '', 1)), { concurrency: 8, measure: { seconds: 3 } });

  let next = 0;
  const pacedAuth = await paced('authorizations', () => post(authorization(grants[next++ % grants.length] ?? '', 1_000)));
  const pacedHealth = await paced('health', () => fetch(`${system.baseUrl}/v1/health`));
  const lightAuth = await paced('authorizations', () => post(authorization(grants[next++ % grants.length] ?? '', 1_000)), LIGHT_PER_SECOND);
  const lightHealth = await paced('health', () => fetch(`${system.baseUrl}/v1/health`), LIGHT_PER_SECOND);

  // 2. Sustained over many grants: pre-signed requests from the load worker's thread.
  const sustainedList = Array.from({ length: Math.max(2_000, 1_500 * (SECONDS + 2)) }, (_, i) => authorization(grants[i % grants.length] ?? '', 1_000));
  progress(`measuring sustained authorizations at ${CONNECTIONS} connections`);
  const sustained = await httpLoad({ baseUrl: system.baseUrl, request: sustainedList, concurrency: CONNECTIONS, warmup: { seconds: 1 }, measure: { seconds: SECONDS } });
  const health = await httpLoad({ baseUrl: system.baseUrl, request: { path: '/v1/health' }, concurrency: CONNECTIONS, warmup: { seconds: 1 }, measure: { seconds: SECONDS } });

  // The ledger's floor: one TransactWriteItems as large as an authorization's (2 records, transfer, grant, account shard, settlement, stats).
  const client = new DynamoDBClient({ endpoint: system.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const table = system.tableNames.get('relief-ledger') ?? '';
  const bare = (seq: number) =>
    client.send(
      new TransactWriteItemsCommand({
        TransactItems: Array.from({ length: 7 }, (_, i) => ({ Put: { TableName: table, Item: { pk: { S: `bench#${seq}#${i}` }, sk: { S: 'x' }, amount: { N: '1000' } }, ConditionExpression: 'attribute_not_exists(pk)' } })),
      }),
    );
  progress(`measuring bare TransactWriteItems at ${CONNECTIONS} concurrent`);
  const bareLoaded = await closedLoop(bare, { concurrency: CONNECTIONS, warmup: { seconds: 1 }, measure: { seconds: SECONDS } });
  // The floor under any ledger that commits a payment and its balance together: the smallest transaction there is.
  const bareOne = (seq: number) =>
    client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: table, Item: { pk: { S: `bench1#${seq}` }, sk: { S: 'x' }, amount: { N: '1000' } }, ConditionExpression: 'attribute_not_exists(pk)' } }] }));
  const bareOneLoaded = await closedLoop(bareOne, { concurrency: CONNECTIONS, warmup: { seconds: 1 }, measure: { seconds: SECONDS } });

  // 3. One hot grant: 600 payments of 1,000 won for 400,000 won; exactly 400 may be approved.
  const hot = await makeGrant(400_000);
  const hotList = Array.from({ length: 600 }, () => authorization(hot, 1_000));
  progress('measuring one hot grant (600 payments for 400 approvals)');
  const hotRun = await httpLoad({ baseUrl: system.baseUrl, request: hotList, concurrency: CONNECTIONS, measure: { calls: hotList.length } });
  const hotGrant = await ledger.getGrant(hot);
  const hotSpends = (await ledger.transfersOfGrant(hot)).filter((t) => t.kind === 'spend').length;
  const exact = hotGrant?.balance === 0 && hotGrant.spent === 400_000 && hotSpends === 400;
  if (!exact) throw new Error(`the hot grant is not exact: ${JSON.stringify(hotGrant)}, ${hotSpends} spends`);

  // 4. Signature verifications in-process.
  const body = hotList[0]?.body ?? '';
  const headers = hotList[0]?.headers ?? {};
  const verify = async () => {
    if (!verifyPartnerSignature([SECRET], body, headers)) throw new Error('signature did not verify');
  };
  const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
  const hmac = async () => createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64');
  progress('measuring signature verifications');
  const verified = await closedLoop(verify, { concurrency: 1, warmup: { calls: 2_000 }, measure: { calls: 50_000 } });
  const hashed = await closedLoop(hmac, { concurrency: 1, warmup: { calls: 2_000 }, measure: { calls: 50_000 } });
  client.destroy();

  if (system.handlerErrors.count > 0) throw new Error(`${system.handlerErrors.count} handler errors; the first: ${String(system.handlerErrors.first)}`);
  for (const [label, run] of [['sustained', sustained], ['health', health], ['hot grant', hotRun]] as const) {
    if (run.errors > 0) throw new Error(`${label}: ${run.errors} failed calls, the first: ${run.firstError}`);
  }

  const figures: Figure[] = [
    ...latencyFigures(`authorization at ${PACE_PER_SECOND}/s (HTTP)`, pacedAuth.summary(), ['p50', 'p99', 'max']),
    ...latencyFigures(`health at ${PACE_PER_SECOND}/s (HTTP)`, pacedHealth.summary(), ['p50', 'p99']),
    ratio('authorization p99 / health p99 at 100/s', pacedAuth.summary().p99, pacedHealth.summary().p99, 'lower'),
    ...latencyFigures(`authorization at ${LIGHT_PER_SECOND}/s (HTTP)`, lightAuth.summary(), ['p50', 'p99']),
    ...latencyFigures(`health at ${LIGHT_PER_SECOND}/s (HTTP)`, lightHealth.summary(), ['p50', 'p99']),
    { name: `authorizations over ${GRANTS} grants, ${CONNECTIONS} connections`, value: sustained.perSecond, unit: 'req/s', better: 'higher' },
    ...latencyFigures(`authorizations over ${GRANTS} grants, ${CONNECTIONS} connections`, sustained.latency, ['p50', 'p99']),
    { name: `health, ${CONNECTIONS} connections`, value: health.perSecond, unit: 'req/s', better: 'higher' },
    { name: `bare 7-item TransactWriteItems, ${CONNECTIONS} concurrent`, value: bareLoaded.perSecond, unit: 'calls/s', better: 'higher' },
    ratio('authorizations/s / bare TransactWriteItems/s', sustained.perSecond, bareLoaded.perSecond, 'higher'),
    { name: `bare 1-item TransactWriteItems, ${CONNECTIONS} concurrent`, value: bareOneLoaded.perSecond, unit: 'calls/s', better: 'higher' },
    { name: 'one hot grant: authorizations/s (600 for 400 approvals)', value: hotRun.perSecond, unit: 'req/s', better: 'higher' },
    { name: 'one hot grant: approved exactly its balance', value: exact ? 1 : 0, unit: 'yes=1', better: 'higher' },
    { name: 'signature verifications (in-process)', value: verified.perSecond, unit: 'calls/s', better: 'higher' },
    { name: 'bare HMAC-SHA256 of the same content', value: hashed.perSecond, unit: 'calls/s', better: 'higher' },
    ratio('verifications/s / bare HMAC/s', verified.perSecond, hashed.perSecond, 'higher'),
  ];
  publish('relief-authorizations', figures);
} finally {
  await system.stop();
}
progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
