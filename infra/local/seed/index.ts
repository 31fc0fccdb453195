import { alertsSeeder } from './alerts.ts';
import { officialsSeeder } from './officials.ts';
import { partnersSeeder } from './partners.ts';
import { quarantineSeeder } from './quarantine.ts';
import { reliefHistorySeeder } from './relief-history.ts';
import { DEFAULT_DEMO_HOUSEHOLDS, reliefRegistrySeeder } from './relief-registry.ts';
import type { Seeder } from './seeder.ts';
import { storeRegionsSeeder } from './store-regions.ts';
import { storesSeeder } from './stores.ts';
import { subscriptionsSeeder } from './subscriptions.ts';

/** How many demo stores `npm start` seeds: 2020's ~23,000 unless DEMO_STORES says otherwise. */
export const DEFAULT_DEMO_STORES = 23_000;

/**
 * In order; features append theirs. Loaded before the tables are made (they name the tables they fill),
 * so a seeder loads its repositories inside `seed`, once the environment is set, as handlers do.
 */
export const seedersFor = (options: { demoStores?: number; demoHouseholds?: number }): readonly Seeder[] => {
  const demoStores = options.demoStores ?? DEFAULT_DEMO_STORES;
  const demoHouseholds = options.demoHouseholds ?? DEFAULT_DEMO_HOUSEHOLDS;
  return [
    officialsSeeder,
    storesSeeder(demoStores),
    storeRegionsSeeder,
    subscriptionsSeeder,
    alertsSeeder(demoStores),
    quarantineSeeder,
    partnersSeeder,
    reliefRegistrySeeder(demoHouseholds),
    reliefHistorySeeder(demoHouseholds),
  ];
};
