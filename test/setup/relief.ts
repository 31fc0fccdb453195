import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { updateLocalSecret } from '../../infra/local/local-secrets.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { normalizeResidentNumber, residentNumberFor } from '../../shared/people/resident-number.ts';
import { residentKey } from '../../shared/relief/resident-key.ts';

/** A household of the registry as the import writes it (infra/manifest/relief.ts), with its members' numbers. */
export interface TestHousehold {
  readonly householdId: string;
  readonly regionCode: string;
  readonly head: string;
  readonly members: readonly string[];
}

let serial = 0;
/** A valid resident number of someone born in `year`, different on each call. */
export const residentBornIn = (year: number): string => residentNumberFor({ year, month: 1 + (serial % 12), day: 1 + (serial % 28) }, ++serial * 7 + 13);

export const householdOf = (size: number, regionCode = '11', birthYear = 1971): TestHousehold => ({
  householdId: `h-${randomUUID()}`,
  regionCode,
  head: residentBornIn(birthYear),
  members: Array.from({ length: size - 1 }, () => residentBornIn(1990)),
});

const documentClient = (runtime: LocalRuntime) =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));

/** Writes households to the registry table the way the registry import does. */
export const writeRegistry = async (runtime: LocalRuntime, households: readonly TestHousehold[]): Promise<void> => {
  const pepper = (JSON.parse(await readFile(resolve(runtime.dataDir, 'secrets.json'), 'utf8')) as Record<string, string>)['id-pepper'] ?? '';
  const table = runtime.tableNames.get('relief-households') ?? '';
  const items = households.flatMap((h, i) => [
    { pk: `household#${h.householdId}`, householdId: h.householdId, regionCode: h.regionCode, size: h.members.length + 1, unclaimedShard: `U#${i % 16}` },
    { pk: `resident#${residentKey(pepper, normalizeResidentNumber(h.head))}`, householdId: h.householdId, isHead: true },
    ...h.members.map((m) => ({ pk: `resident#${residentKey(pepper, normalizeResidentNumber(m))}`, householdId: h.householdId, isHead: false })),
  ]);
  const client = documentClient(runtime);
  for (let i = 0; i < items.length; i += 25) {
    await client.send(new BatchWriteCommand({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  client.destroy();
};

/** A registered move: only the household's region changes (its `grantId` stays, as the import's upsert keeps it). */
export const moveHousehold = async (runtime: LocalRuntime, householdId: string, regionCode: string): Promise<void> => {
  const client = documentClient(runtime);
  await client.send(
    new UpdateCommand({ TableName: runtime.tableNames.get('relief-households') ?? '', Key: { pk: `household#${householdId}` }, UpdateExpression: 'SET regionCode = :r', ExpressionAttributeValues: { ':r': regionCode } }),
  );
  client.destroy();
};

/** Card companies and their Standard Webhooks secrets, installed as the `partner-keys` secret. */
export const installPartners = async (runtime: LocalRuntime, partnerIds: readonly string[]): Promise<Record<string, string>> => {
  const secrets = Object.fromEntries(partnerIds.map((id) => [id, `whsec_${Buffer.from(`${id} webhook secret for tests`.padEnd(32, '.')).toString('base64')}`]));
  await updateLocalSecret(resolve(runtime.dataDir, 'secrets.json'), 'partner-keys', JSON.stringify(Object.fromEntries(Object.entries(secrets).map(([id, s]) => [id, [s]]))));
  return secrets;
};

export interface Signed {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

/** Signs a webhook as the card company would and posts it; the same `webhookId` makes it a redelivery. */
export const webhook = (runtime: LocalRuntime, secrets: Record<string, string>) => async (partnerId: string, route: string, body: unknown, webhookId: string = `msg_${randomUUID()}`): Promise<Signed> => {
  const payload = JSON.stringify(body);
  const signature = new Webhook(secrets[partnerId] ?? '').sign(webhookId, new Date(), payload);
  const response = await fetch(`${runtime.baseUrl}/v1/relief/webhooks/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-partner-id': partnerId, 'webhook-id': webhookId, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': signature },
    body: payload,
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
};
