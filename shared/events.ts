import { EventBridgePublisher } from './adapters/eventbridge-publisher.ts';
import { LocalBusPublisher } from './adapters/local-bus-publisher.ts';
import { config } from './config.ts';
import type { EventPublisher } from './ports/event-publisher.ts';

export const events: EventPublisher = config.runtime === 'aws' ? new EventBridgePublisher(config.eventBusName()) : new LocalBusPublisher();
