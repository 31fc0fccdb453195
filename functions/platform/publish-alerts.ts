import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { Alert } from '../../shared/alerts/alert.ts';
import { Outbox } from '../../shared/alerts/outbox.ts';
import { AlertsRepository } from '../../shared/data/alerts-repository.ts';
import { instrumented } from '../../shared/instrumented.ts';
import { notifier } from '../../shared/notifier.ts';
import { logger } from '../../shared/observability.ts';

const outbox = new Outbox(new AlertsRepository(), notifier);

/** Stops at the first failure and reports it, so the stream retries from there and keeps the order. */
export const handler = instrumented<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(async (event) => {
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    // Only a new `alert#` item is news; the one-per-subject guards share the table and are not.
    if (record.eventName !== 'INSERT' || !image || !image.pk?.S?.startsWith('alert#')) continue;
    const alert = unmarshall(image as Record<string, AttributeValue>) as Alert;
    try {
      await outbox.publish(alert);
    } catch (error) {
      logger.error('alert not published; the stream will retry', { error, alertId: alert.alertId });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
});
