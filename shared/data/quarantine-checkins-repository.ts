import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import type { Checkin, CheckinAnswer, CheckinStore } from '../quarantine/case-checkins.ts';
import type { CaseRecord } from '../quarantine/quarantine-case.ts';
import { quarantineConfig } from '../quarantine/quarantine-config.ts';
import { caseItemOf, QuarantineCasesRepository } from './quarantine-cases-repository.ts';
import { dynamo } from './dynamo-client.ts';
import { eventKey, requestKey } from './quarantine-events-repository.ts';

const DAY_S = 24 * 60 * 60;

/**
 * Check-ins: the request record (the first answer under the client's id), the check-in itself and the
 * case's new version in one TransactWriteItems, so a check-in is applied exactly once or not at all.
 */
export class QuarantineCheckinsRepository implements CheckinStore {
  readonly #cases = new QuarantineCasesRepository();
  readonly #casesTable = config.tableName('quarantine-cases');
  readonly #eventsTable = config.tableName('quarantine-events');

  getCase(caseId: string): Promise<CaseRecord | undefined> {
    return this.#cases.get(caseId);
  }

  async getRequest(caseId: string, checkinId: string): Promise<{ fingerprint: string; answer: CheckinAnswer } | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#eventsTable, Key: { caseId, sk: requestKey('checkin', checkinId) }, ConsistentRead: true }));
    return Item ? { fingerprint: String(Item['fingerprint']), answer: Item['answer'] as CheckinAnswer } : undefined;
  }

  async record(next: Omit<CaseRecord, 'regionState' | 'officerState'>, expectedV: number, checkin: Checkin & { window: string | null; symptomatic: boolean }, fingerprint: string, answer: CheckinAnswer): Promise<boolean> {
    // A backstop past the purge, which deletes explicitly (DynamoDB Local never expires items).
    const expiresAt = Math.floor(Date.parse(next.endsAt) / 1000) + (quarantineConfig.purgeAfterDays + 30) * DAY_S;
    const { position: _position, ...kept } = checkin;
    const at = new Date(checkin.at).toISOString();
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#eventsTable,
                Item: { caseId: next.caseId, sk: requestKey('checkin', checkin.checkinId), fingerprint, answer, expiresAt },
                ConditionExpression: 'attribute_not_exists(sk)',
              },
            },
            // The check-in's position is not kept: the app sends it as a ping too, where the fence decides.
            { Put: { TableName: this.#eventsTable, Item: { caseId: next.caseId, sk: eventKey('checkin', at, checkin.checkinId), ...kept, at, expiresAt } } },
            { Put: { TableName: this.#casesTable, Item: caseItemOf(next), ConditionExpression: 'v = :v', ExpressionAttributeValues: { ':v': expectedV } } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }
}
