import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DomainEvent, EventPublisher } from '../ports/event-publisher.ts';

export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly busName: string,
    private readonly client: EventBridgeClient = new EventBridgeClient({}),
  ) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    // PutEvents takes ten entries at a time and reports failures per entry rather than throwing.
    for (let i = 0; i < events.length; i += 10) {
      const { FailedEntryCount = 0, Entries = [] } = await this.client.send(
        new PutEventsCommand({
          Entries: events.slice(i, i + 10).map((e) => ({
            EventBusName: this.busName,
            Source: e.source,
            DetailType: e.detailType,
            Detail: JSON.stringify(e.detail),
          })),
        }),
      );
      if (FailedEntryCount > 0) {
        const codes = Entries.filter((entry) => entry.ErrorCode).map((entry) => entry.ErrorCode);
        throw new Error(`EventBridge refused ${FailedEntryCount} event(s): ${codes.join(', ')}`);
      }
    }
  }
}
