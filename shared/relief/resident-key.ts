import { keyedHash } from '../auth/keyed-hash.ts';

/**
 * How the registry knows a resident: the keyed hash of their number's 13 digits, under the id pepper and
 * a relief-only label, so the registry's hashes match nothing in the masks' sales (which hash the same
 * numbers for rationing) and the two tables cannot be joined on them.
 */
export const residentKey = (pepper: string, residentDigits: string): string => keyedHash(pepper, `relief-resident:${residentDigits}`);
