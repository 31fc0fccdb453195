import { officialsSeeder } from './officials.ts';
import type { Seeder } from './seeder.ts';

/** In order; features append theirs. Loaded after the environment is set, like handlers. */
export const seeders: readonly Seeder[] = [officialsSeeder];
