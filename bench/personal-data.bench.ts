/**
 * Envelope encryption of a person's name and phone, in-process (no database): how many records a
 * second one core encrypts and decrypts with the suite shipped (committing, ECDSA P-384 signed),
 * against two baselines measured in the same run: the SDK's unsigned committing suite, and a bare
 * AES-256-GCM of the same JSON with node:crypto (what any envelope format adds over a cipher). The
 * KMS keyring runs against an in-process stand-in for KMS, so its figure is the SDK's own work; on AWS
 * each record adds one KMS round trip.
 */
import { AlgorithmSuiteIdentifier } from '@aws-crypto/client-node';
import type { KMS } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closedLoop, type ClosedLoopOptions } from './harness/closed-loop.ts';
import { latencyFigures, publish, ratio, type Figure } from './harness/results.ts';
import { KmsEnvelopeCipher } from '../shared/adapters/kms-envelope-cipher.ts';
import { RawAesEnvelopeCipher } from '../shared/adapters/raw-aes-envelope-cipher.ts';
import type { PersonalDataCipher } from '../shared/ports/personal-data-cipher.ts';

const LOOP: ClosedLoopOptions = { concurrency: 1, warmup: { calls: 300 }, measure: { seconds: 5 } };
const progress = (text: string) => process.stderr.write(`  ${text}\n`);

const person = { name: '김민준', phone: '010-1234-5678' };
const binding = { caseId: 'c_3q2-7wEAAAAAAAAAAAAAAA', region: '11' };
const localKey = randomBytes(32).toString('base64');

/** KMS in-process: data keys wrapped with a local AES key, as fast as KMS would be with no network. */
const keyArn = 'arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const kmsStandIn = (): KMS => {
  const master = randomBytes(32);
  const wrap = (key: Buffer) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', master, iv);
    return Buffer.concat([iv, cipher.update(key), cipher.final(), cipher.getAuthTag()]);
  };
  const unwrap = (blob: Uint8Array) => {
    const bytes = Buffer.from(blob);
    const decipher = createDecipheriv('aes-256-gcm', master, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
  };
  return {
    generateDataKey: async ({ NumberOfBytes = 32 }: { NumberOfBytes?: number }) => {
      const key = randomBytes(NumberOfBytes);
      return { KeyId: keyArn, Plaintext: new Uint8Array(key), CiphertextBlob: new Uint8Array(wrap(key)) };
    },
    decrypt: async ({ CiphertextBlob }: { CiphertextBlob: Uint8Array }) => ({ KeyId: keyArn, Plaintext: new Uint8Array(unwrap(CiphertextBlob)) }),
    encrypt: async () => {
      throw new Error('not used: the keyring has only a generator');
    },
  } as unknown as KMS;
};

const bareKey = randomBytes(32);
const bareEncrypt = () => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', bareKey, iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(person)), cipher.final(), cipher.getAuthTag()]).toString('base64');
};
const bareDecrypt = (text: string) => {
  const bytes = Buffer.from(text, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', bareKey, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8')) as unknown;
};

const unsigned = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;
const ciphers: [string, PersonalDataCipher][] = [
  ['local raw AES, signed (shipped)', new RawAesEnvelopeCipher(async () => localKey)],
  ['local raw AES, unsigned', new RawAesEnvelopeCipher(async () => localKey, unsigned)],
  ['KMS keyring (stand-in), signed (shipped)', new KmsEnvelopeCipher(() => keyArn, kmsStandIn())],
];

const figures: Figure[] = [];
const rates = new Map<string, number>();
const measure = async (label: string, call: () => Promise<unknown>) => {
  progress(`measuring ${label}`);
  const result = await closedLoop(call, LOOP);
  rates.set(label, result.perSecond);
  figures.push({ name: label, value: result.perSecond, unit: 'records/s', better: 'higher' }, ...latencyFigures(label, result.latency, ['p50', 'p99']));
};

for (const [name, cipher] of ciphers) {
  const stored = await cipher.encrypt(person, binding);
  await measure(`${name}: encrypt`, () => cipher.encrypt(person, binding));
  await measure(`${name}: decrypt`, () => cipher.decrypt(stored, binding));
  figures.push({ name: `${name}: stored size`, value: stored.length, unit: 'chars', better: 'lower' });
}
const bareStored = bareEncrypt();
await measure('bare AES-256-GCM: encrypt', async () => bareEncrypt());
await measure('bare AES-256-GCM: decrypt', async () => bareDecrypt(bareStored));
figures.push({ name: 'bare AES-256-GCM: stored size', value: bareStored.length, unit: 'chars', better: 'lower' });

const rate = (label: string) => rates.get(label) ?? Number.NaN;
figures.push(
  ratio('signed / unsigned encrypt rate', rate('local raw AES, signed (shipped): encrypt'), rate('local raw AES, unsigned: encrypt'), 'higher'),
  ratio('signed / unsigned decrypt rate', rate('local raw AES, signed (shipped): decrypt'), rate('local raw AES, unsigned: decrypt'), 'higher'),
  ratio('signed / bare AES decrypt rate', rate('local raw AES, signed (shipped): decrypt'), rate('bare AES-256-GCM: decrypt'), 'higher'),
);
publish('personal-data', figures);
