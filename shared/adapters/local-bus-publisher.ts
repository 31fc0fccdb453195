import { LOCAL_BUS, type DomainEvent, type EventPublisher } from '../ports/event-publisher.ts';

type LocalBus = { put(events: readonly DomainEvent[]): Promise<void> };

export class LocalBusPublisher implements EventPublisher {
  async publish(events: readonly DomainEvent[]): Promise<void> {
    const bus = (globalThis as { [LOCAL_BUS]?: LocalBus })[LOCAL_BUS];
    if (!bus) throw new Error('The local event bus is not running (start the local runtime first)');
    await bus.put(events);
  }
}
