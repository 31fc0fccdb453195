import { z } from 'zod';

/**
 * The `partner-keys` secret: `{"<partnerId>": [newest, previous?]}`. The newest is a bare `whsec_…`
 * string; a rotated-out one carries the end of its grace, `{"secret": "whsec_…", "validUntil": "<ISO>"}`.
 * The first shape (all bare strings, none ever expiring) is still read: operators filled it by hand.
 */
const entry = z.union([z.string().min(1), z.object({ secret: z.string().min(1), validUntil: z.iso.datetime({ offset: true }) })]);
export const partnerKeysSchema = z.record(z.string(), z.array(entry));
export type PartnerKeyEntry = z.infer<typeof entry>;
export type PartnerKeys = z.infer<typeof partnerKeysSchema>;

/**
 * 24 h: a card company deploys its new secret to every signing server within a working day; the
 * previous one keeps verifying meanwhile. Far longer than the 5-minute secret cache on AWS, so no
 * container is ever left knowing neither.
 */
export const ROTATION_GRACE_MS = 24 * 3_600_000;

export const parsePartnerKeys = (text: string): PartnerKeys => partnerKeysSchema.parse(JSON.parse(text));

const secretOf = (key: PartnerKeyEntry): string => (typeof key === 'string' ? key : key.secret);
const isValidAt = (key: PartnerKeyEntry, now: Date): boolean => typeof key === 'string' || Date.parse(key.validUntil) > now.getTime();

/** The secrets a signature may verify with now: the newest, and the previous one until its grace ends. */
export const validSecrets = (keys: readonly PartnerKeyEntry[], now: Date): string[] => keys.filter((key) => isValidAt(key, now)).map(secretOf);

/** A new partner's only secret; whatever a crashed earlier attempt left under its id is replaced. */
export const withPartnerSecret = (keys: PartnerKeys, partnerId: string, secret: string): PartnerKeys => ({ ...keys, [partnerId]: [secret] });

export interface Rotation {
  readonly keys: PartnerKeys;
  /** When the secret that was newest stops verifying; null when the partner had no valid secret. */
  readonly previousValidUntil: string | null;
}

/**
 * The new secret first; the one that was newest stays valid for the grace; anything older (the one a
 * previous rotation kept, or an expired one) is dropped, so at most two are ever valid.
 */
export const rotatePartnerSecret = (keys: PartnerKeys, partnerId: string, secret: string, now: Date, graceMs = ROTATION_GRACE_MS): Rotation => {
  const newest = (keys[partnerId] ?? []).find((key) => isValidAt(key, now));
  if (newest === undefined) return { keys: { ...keys, [partnerId]: [secret] }, previousValidUntil: null };
  // A secret already counting down (only a hand-made value has one first) keeps its earlier end.
  const graceEnd = new Date(now.getTime() + graceMs).toISOString();
  const validUntil = typeof newest === 'string' || Date.parse(newest.validUntil) > Date.parse(graceEnd) ? graceEnd : newest.validUntil;
  return { keys: { ...keys, [partnerId]: [secret, { secret: secretOf(newest), validUntil }] }, previousValidUntil: validUntil };
};

/** Standard Webhooks' form: `whsec_` and the base64 of the HMAC key; 32 random bytes (the spec asks 24 to 64). */
export const partnerSecretOf = (randomKey: Uint8Array): string => {
  if (randomKey.length < 24 || randomKey.length > 64) throw new Error('A partner secret is 24 to 64 random bytes');
  return `whsec_${Buffer.from(randomKey).toString('base64')}`;
};

/** Lowercase words with dashes (`kb-kookmin`): it goes into URLs, headers and the keys of the ledger. */
export const PARTNER_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
