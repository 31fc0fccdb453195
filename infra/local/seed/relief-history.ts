import { BatchGetCommand, BatchWriteCommand, GetCommand, QueryCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { keyedHash } from '../../../shared/auth/keyed-hash.ts';
import { checkResidentNumber } from '../../../shared/people/resident-number.ts';
import { judgeApplication } from '../../../shared/relief/application.ts';
import { judgeAuthorization } from '../../../shared/relief/authorization.ts';
import { grantAccount, settlementAccount } from '../../../shared/relief/ledger.ts';
import type { LedgerTransfer } from '../../../shared/relief/webhook-store.ts';
import { FoldedWrites } from './folded-writes.ts';
import { DEMO_PARTNERS } from './partners.ts';
import { KEPT_FOR_NEWCOMERS, planReliefHistory } from './relief-history-plan.ts';
import { demoHouseholds } from './relief-registry.ts';
import type { Seeder } from './seeder.ts';

/** Batches of 25 (BatchWriteItem's most) in flight at once: DynamoDB Local writes one item at a time anyway. */
const IN_FLIGHT = 4;

/** A grant id of the service's shape (`grant-<uuid>`), drawn from the seed so a second start finds the same. */
const grantIdOf = (seed: string, householdId: string): string => {
  const hex = createHash('sha256').update(`${seed}#grant#${householdId}`).digest('hex');
  return `grant-${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * The demo program's past 20 days as if they had been lived (relief-history-plan.ts says who, when and
 * where). Each application and payment is judged by the program's own rules (`judgeApplication`,
 * `judgeAuthorization`) and turned into the ledger's own transaction items (`transactionOf`: transfers,
 * the grant with its figures, account, settlement and statistics shards, the household's `grantId`),
 * dated its past instant. Those items are folded and batch-written rather than committed one
 * transaction each, which would take half a minute here: the layout is the ledger's, so the reports,
 * settlements and the reconciliation read the history as any other movement. One shard per figure:
 * nothing contends with a history written once. The card companies' request records are not written
 * (they never sent these requests): the history's payments cannot be retried or reversed by webhook.
 *
 * Only for the demo program (2020's replays have no such past), once per data directory, and only
 * onto a ledger with no movements of its own (the writes are Puts). Households are written last: a
 * start cut short before them leaves none granted, and the next start writes the same items again.
 */
export const reliefHistorySeeder = (count: number): Seeder => ({
  name: 'relief history',
  async seed({ derive, progress }) {
    const began = Date.now();
    const [{ config }, { reliefProgram, reliefNow }, { dynamo }, { ReliefLedgerRepository }, { householdGranted }, { secrets }, { boundedParallel }] = await Promise.all([
      import('../../../shared/config.ts'),
      import('../../../shared/relief/relief-config.ts'),
      import('../../../shared/data/dynamo-client.ts'),
      import('../../../shared/data/relief-ledger-repository.ts'),
      import('../../../shared/data/relief-webhook-store.ts'),
      import('../../../shared/secrets.ts'),
      import('../../../shared/data/bounded-parallel.ts'),
    ]);
    if (config.reliefProgram !== 'demo') return progress(`demo relief history: none (the program is ${reliefProgram.name}, whose past is not the demo's)`);

    const seed = derive('relief-history');
    const now = reliefNow();
    const plan = planReliefHistory({ seed, households: demoHouseholds(derive('relief-registry'), count), program: reliefProgram, partners: DEMO_PARTNERS.map((p) => p.partnerId), now });
    if (plan.grants.length === 0) return progress(`demo relief history: none (${plan.days.length === 0 ? 'the program opened today' : `no household beyond the ${KEPT_FOR_NEWCOMERS} kept for newcomers`})`);
    const tables = { households: config.tableName('relief-households'), grants: config.tableName('relief-grants'), ledger: config.tableName('relief-ledger') };

    const households = new Map<string, Record<string, unknown>>();
    const keys = plan.grants.map((g) => ({ pk: `household#${g.application.householdId}` }));
    for (let i = 0; i < keys.length; i += 100) {
      const { Responses } = await dynamo.send(new BatchGetCommand({ RequestItems: { [tables.households]: { Keys: keys.slice(i, i + 100), ConsistentRead: true } } }));
      for (const item of Responses?.[tables.households] ?? []) households.set(String(item['pk']), item);
    }
    const granted = [...households.values()].filter((h) => h['grantId']).length;
    if (granted > 0) return progress(`demo relief history: already there (${granted} of its ${plan.grants.length} households granted)`);
    const firstGrant = grantIdOf(seed, plan.grants[0]!.application.householdId);
    const [treasury, ours] = await Promise.all([
      dynamo.send(new QueryCommand({ TableName: tables.ledger, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'account#treasury' }, Limit: 1 })),
      dynamo.send(new GetCommand({ TableName: tables.grants, Key: { grantId: firstGrant } })),
    ]);
    if ((treasury.Items ?? []).length > 0 && !ours.Item) return progress('demo relief history: none (this ledger already has movements of its own)');

    const books = new ReliefLedgerRepository(() => 0);
    const pepper = await secrets.get('id-pepper');
    const folded = new FoldedWrites(
      (table, key) => (table === tables.households ? households.get(String(key['pk'])) : undefined),
      (table) => (table === tables.grants ? ['grantId'] : table === tables.households ? ['pk'] : ['pk', 'sk']),
    );
    let payments = 0;
    let reversals = 0;
    for (const { application: a, movements } of plan.grants) {
      const household = households.get(`household#${a.householdId}`);
      if (!household) throw new Error(`The demo history's household ${a.householdId} is not in the registry`);
      const resident = checkResidentNumber(a.applicantResidentId, a.at);
      if (!resident.ok) throw new Error(`The demo history's applicant of ${a.householdId} has no valid resident number (${resident.problem})`);
      const match = { householdId: a.householdId, members: Number(household['size']), regionCode: String(household['regionCode']), isHead: true };
      const decision = judgeApplication({ program: reliefProgram, at: a.at, birthYear: resident.birthYear, household: match, alreadyGranted: false, donate: a.donate });
      if (decision.decision !== 'approved') throw new Error(`The demo history's application of ${a.householdId} is ${decision.reason} by the program's rules`);
      const grantId = grantIdOf(seed, a.householdId);
      const common = { grantId, partnerId: a.partnerId };
      // The transfers of an approved application, as ReliefWebhooks.apply makes them.
      const transfers: LedgerTransfer[] = [{ ...common, transferId: `grant:${grantId}`, kind: 'grant', debit: 'treasury', credit: grantAccount(grantId), amount: decision.amount + decision.donated }];
      if (decision.donated > 0) transfers.push({ ...common, transferId: `donation:${grantId}`, kind: 'donation', debit: grantAccount(grantId), credit: 'donations', amount: decision.donated });
      const newGrant = { grantId, householdId: a.householdId, partnerId: a.partnerId, regionCode: decision.regionCode, expiresAt: decision.expiresAt, createdAt: a.at.toISOString(), cardTokenHash: keyedHash(pepper, `relief-card:${a.cardToken}`) };
      folded.add(books.transactionOf({ transfers, at: a.at, regionCode: decision.regionCode, newGrant, also: [householdGranted(tables.households, a.householdId, grantId, a.at)] }));

      let balance = decision.amount;
      for (const m of movements) {
        if (m.kind === 'authorization') {
          const paid = judgeAuthorization({ program: reliefProgram, grant: { regionCode: decision.regionCode, expiresAt: decision.expiresAt, balance }, amount: m.amount, merchant: m.merchant, at: m.at });
          if (paid.decision !== 'approved') throw new Error(`The demo history's payment ${m.authorizationId} is ${paid.decision} by the program's rules`);
          balance -= paid.approvedAmount;
          payments++;
          const spend: LedgerTransfer = { ...common, transferId: `spend:${a.partnerId}:${m.authorizationId}`, kind: 'spend' as const, debit: grantAccount(grantId), credit: settlementAccount(a.partnerId), amount: paid.approvedAmount };
          folded.add(books.transactionOf({ transfers: [spend], at: m.at, regionCode: decision.regionCode }));
        } else {
          balance += m.amount;
          reversals++;
          const back: LedgerTransfer = { ...common, transferId: `reversal:${a.partnerId}:${m.reversalId}`, kind: 'reversal' as const, debit: settlementAccount(a.partnerId), credit: grantAccount(grantId), amount: m.amount };
          folded.add(books.transactionOf({ transfers: [back], at: m.at, regionCode: decision.regionCode }));
        }
      }
    }

    const write = async (table: string, items: readonly Record<string, unknown>[]) => {
      const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
      await boundedParallel(batches, IN_FLIGHT, async (batch) => {
        let requests: NonNullable<BatchWriteCommandInput['RequestItems']> = { [table]: batch.map((Item) => ({ PutRequest: { Item } })) };
        for (let attempt = 0; Object.keys(requests).length > 0; attempt++) {
          if (attempt > 0) await new Promise((done) => setTimeout(done, Math.min(200, 10 * 2 ** attempt)));
          const { UnprocessedItems } = await dynamo.send(new BatchWriteCommand({ RequestItems: requests }));
          requests = UnprocessedItems ?? {};
        }
      });
    };
    const byTable = folded.byTable();
    let written = 0;
    for (const table of [tables.ledger, tables.grants, tables.households]) {
      const items = byTable.get(table) ?? [];
      await write(table, items);
      written += items.length;
    }
    const donations = plan.grants.filter((g) => g.application.donate).length;
    const share = ((plan.grants.length / (plan.grants.length + plan.unapplied)) * 100).toFixed(1);
    progress(
      `demo relief history: ${plan.grants.length} grants (${share} % of the registry) over ${plan.days.length} days, ${donations} with a donation, ${payments} payments, ${reversals} reversals; ${written} items (${((Date.now() - began) / 1000).toFixed(1)} s)`,
    );
  },
});
