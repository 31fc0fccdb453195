import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { Alert } from '../../shared/alerts/alert.ts';
import { Outbox, type StreamedAlert } from '../../shared/alerts/outbox.ts';
import { AlertsRepository } from '../../shared/data/alerts-repository.ts';
import { instrumented } from '../../shared/instrumented.ts';
import { notifier } from '../../shared/notifier.ts';
import { logger } from '../../shared/observability.ts';

const outbox = new Outbox(new AlertsRepository(), notifier);

/** New outbox alerts (inserts; claims and marks are updates) in stream order. */
const newAlerts = (event: DynamoDBStreamEvent): StreamedAlert[] =>
  event.Records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    // Only a new `alert#` item is news; the one-per-subject guards share the table and are not.
    if (record.eventName !== 'INSERT' || !image || !image.pk?.S?.startsWith('alert#')) return [];
    return [{ alert: unmarshall(image as Record<string, AttributeValue>) as Alert, sequenceNumber: record.dynamodb?.SequenceNumber ?? '' }];
  });

/** Reports the first alert SNS refused, so the stream retries from there; nothing before it is sent again. */
export const handler = instrumented<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(async (event) => {
  const { failedAt, error } = await outbox.publishBatch(newAlerts(event));
  if (!failedAt) return { batchItemFailures: [] };
  logger.error('alert not published; the stream will retry', { error, alertId: failedAt.alert.alertId });
  return { batchItemFailures: [{ itemIdentifier: failedAt.sequenceNumber }] };
});
