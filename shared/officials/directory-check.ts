import type { Official } from '../auth/principal.ts';
import type { DirectoryOfficial } from './official.ts';

/**
 * Whether a signed-in official, as their still-valid token says, may act now. A token outlives a
 * disabling (Cognito's ID tokens verify until they expire; signing out only revokes refresh tokens), so
 * each request is checked against the directory: unknown and disabled officials are refused, and so is
 * a token whose role or region the directory no longer holds.
 */
export type Admission = 'admitted' | 'unknown' | 'disabled' | 'changed';

export const admission = (claims: Official, entry: DirectoryOfficial | undefined): Admission => {
  if (!entry) return 'unknown';
  if (!entry.enabled) return 'disabled';
  if (entry.role !== claims.role || entry.region !== claims.region) return 'changed';
  return 'admitted';
};
