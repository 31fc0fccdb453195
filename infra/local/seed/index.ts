import { alertsSeeder } from './alerts.ts';
import { officialsSeeder } from './officials.ts';
import type { Seeder } from './seeder.ts';
import { storeRegionsSeeder } from './store-regions.ts';
import { storesSeeder } from './stores.ts';
import { subscriptionsSeeder } from './subscriptions.ts';

/** How many demo stores `npm start` seeds: 2020's ~23,000 unless DEMO_STORES says otherwise. */
export const DEFAULT_DEMO_STORES = 23_000;

/** In order; features append theirs. Loaded after the environment is set, like handlers. */
export const seedersFor = (options: { demoStores: number }): readonly Seeder[] => [
  officialsSeeder,
  storesSeeder(options.demoStores),
  storeRegionsSeeder,
  subscriptionsSeeder,
  alertsSeeder(options.demoStores),
];
