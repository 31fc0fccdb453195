/** A domain event for other functions (e.g. a geofence EXIT): EventBridge on AWS, the local bus locally. */
export interface DomainEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<void>;
}

/** Where the local runtime hangs its bus, so in-process handlers can reach it without importing infra. */
export const LOCAL_BUS = Symbol.for('crisis-response.local-event-bus');
