import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { EventBridgePublisher } from '../../../shared/adapters/eventbridge-publisher.ts';

const events = (n: number) => Array.from({ length: n }, (_, i) => ({ source: 'crisis.quarantine', detailType: 'Geofence Exit', detail: { i } }));

describe('the EventBridge publisher', () => {
  it('sends events to the bus ten at a time, as PutEvents allows', async () => {
    const eb = mockClient(EventBridgeClient);
    eb.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });
    await new EventBridgePublisher('crisis-bus', new EventBridgeClient({})).publish(events(23));
    const calls = eb.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries ?? []);
    expect(calls.map((entries) => entries.length)).toEqual([10, 10, 3]);
    expect(calls[0]?.[0]).toEqual({ EventBusName: 'crisis-bus', Source: 'crisis.quarantine', DetailType: 'Geofence Exit', Detail: '{"i":0}' });
  });

  it('fails when EventBridge refuses an entry, which it reports without throwing', async () => {
    const eb = mockClient(EventBridgeClient);
    eb.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException' }] });
    await expect(new EventBridgePublisher('b', new EventBridgeClient({})).publish(events(1))).rejects.toThrow(/ThrottlingException/);
  });
});
