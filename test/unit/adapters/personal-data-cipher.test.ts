import { buildClient, CommitmentPolicy, RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from '@aws-crypto/client-node';
import { DecryptCommand, GenerateDataKeyCommand, KMS, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KmsEnvelopeCipher } from '../../../shared/adapters/kms-envelope-cipher.ts';
import { LOCAL_KEY_NAME, LOCAL_KEY_NAMESPACE, RawAesEnvelopeCipher } from '../../../shared/adapters/raw-aes-envelope-cipher.ts';
import { logger } from '../../../shared/observability.ts';
import { PERSONAL_DATA_PURPOSE, PersonalDataUnreadable, type CaseBinding } from '../../../shared/ports/personal-data-cipher.ts';

const localKey = randomBytes(32).toString('base64');
const cipher = new RawAesEnvelopeCipher(async () => localKey);
const binding: CaseBinding = { caseId: 'c_3q2-7wEAAAAAAAAAAAAAAA', region: '11' };
const person = { name: '김민준', phone: '010-1234-5678' };

const names = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.constantFrom('김민준', '이서연', '王小明', '欧阳娜娜', 'Nguyễn Thị Minh Khai', 'Zoë O’Brien-Łukasiewicz', '佐藤 花子', '🙂'),
);
const phones = fc.stringMatching(/^\+?[0-9]{1,3}[ -]?[0-9]{2,4}[ -]?[0-9]{3,4}[ -]?[0-9]{4}$/);

/** Flips one bit of the SDK message at `offset`, as an attacker editing the stored attribute would. */
const flipBit = (ciphertext: string, offset: number): string => {
  const bytes = Buffer.from(ciphertext, 'base64');
  const at = offset % bytes.length;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return bytes.toString('base64');
};

describe('personal data at rest (local raw AES keyring)', () => {
  it('decrypts to exactly what was encrypted, for any name and phone, Korean and Chinese included', async () => {
    await fc.assert(
      fc.asyncProperty(names, phones, async (name, phone) => {
        const stored = await cipher.encrypt({ name, phone }, binding);
        expect(await cipher.decrypt(stored, binding)).toEqual({ name, phone });
      }),
      { numRuns: 60 },
    );
  });

  it('stores neither the name nor the phone readably, and two encryptions of one person differ', async () => {
    const first = await cipher.encrypt(person, binding);
    const second = await cipher.encrypt(person, binding);
    expect(first).not.toBe(second);
    const bytes = Buffer.from(first, 'base64');
    expect(bytes.includes(Buffer.from(person.name))).toBe(false);
    expect(bytes.includes(Buffer.from(person.phone))).toBe(false);
    expect(bytes.includes(Buffer.from('1234'))).toBe(false);
  });

  it('refuses a ciphertext with any bit changed', async () => {
    const stored = await cipher.encrypt(person, binding);
    const length = Buffer.from(stored, 'base64').length;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: length - 1 }), async (offset) => {
        await expect(cipher.decrypt(flipBit(stored, offset), binding)).rejects.toBeInstanceOf(PersonalDataUnreadable);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a record copied onto another case or into another region', async () => {
    const stored = await cipher.encrypt(person, binding);
    await expect(cipher.decrypt(stored, { ...binding, caseId: 'c_another-case-0000000000' })).rejects.toMatchObject({ reason: 'wrong-case' });
    await expect(cipher.decrypt(stored, { ...binding, region: '26' })).rejects.toMatchObject({ reason: 'wrong-case' });
  });

  it('refuses a record made under another data directory’s key', async () => {
    const stored = await cipher.encrypt(person, binding);
    const elsewhere = new RawAesEnvelopeCipher(async () => randomBytes(32).toString('base64'));
    await expect(elsewhere.decrypt(stored, binding)).rejects.toMatchObject({ reason: 'tampered-or-wrong-key' });
  });

  it('refuses what is not a ciphertext at all', async () => {
    await expect(cipher.decrypt('김민준 010-1234-5678', binding)).rejects.toMatchObject({ reason: 'malformed' });
    await expect(cipher.decrypt(Buffer.from('{"name":"x"}').toString('base64'), binding)).rejects.toMatchObject({ reason: 'tampered-or-wrong-key' });
  });

  it('refuses a local key that is not 256 bits', async () => {
    const short = new RawAesEnvelopeCipher(async () => randomBytes(16).toString('base64'));
    await expect(short.encrypt(person, binding)).rejects.toThrow(/32 bytes/);
  });
});

describe('a failing decrypt', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    logger.setLogLevel('SILENT');
  });

  /** What the shared logger writes when the route stack logs a 500 with this error. */
  const loggedFor = async (failing: Promise<unknown>): Promise<string> => {
    const error = await failing.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PersonalDataUnreadable);
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    logger.setLogLevel('DEBUG');
    logger.error('request failed', { error, requestId: 'r-1' });
    vi.restoreAllMocks();
    return written.join('') + JSON.stringify(error) + String((error as Error).stack);
  };

  it('logs which case failed and why, and nothing of the person, even when the plaintext was not JSON', async () => {
    // A record whose plaintext decrypts but does not parse: JSON.parse would quote the name in its message.
    const keyring = new RawAesKeyringNode({
      keyNamespace: LOCAL_KEY_NAMESPACE,
      keyName: LOCAL_KEY_NAME,
      unencryptedMasterKey: new Uint8Array(Buffer.from(localKey, 'base64')),
      wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
    });
    const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const context = { purpose: PERSONAL_DATA_PURPOSE, caseId: binding.caseId, region: binding.region };
    const notJson = (await encrypt(keyring, `${person.name} ${person.phone}`, { encryptionContext: context })).result.toString('base64');

    const log = await loggedFor(cipher.decrypt(notJson, binding));
    expect(log).toContain('request failed');
    expect(log).toContain(binding.caseId);
    expect(log).toContain('malformed');
    expect(log).not.toContain(person.name);
    expect(log).not.toContain(person.phone);
  });

  it('logs nothing of the person for a tampered record or a record of another case', async () => {
    const stored = await cipher.encrypt(person, binding);
    for (const failing of [cipher.decrypt(flipBit(stored, 200), binding), cipher.decrypt(stored, { ...binding, caseId: 'c_other' })]) {
      const log = await loggedFor(failing);
      expect(log).toContain('does not decrypt');
      expect(log).not.toContain(person.name);
      expect(log).not.toContain(person.phone);
    }
  });
});

describe('personal data at rest on AWS (KMS keyring)', () => {
  const keyArn = 'arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  /** KMS as far as the keyring sees it: data keys wrapped by "the key", unwrapped only with the same context. */
  const fakeKms = () => {
    const kms = mockClient(KMSClient);
    const wrapped = new Map<string, { key: Uint8Array; context: string }>();
    const canonical = (context: Record<string, string> = {}) => JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b)));
    kms.on(GenerateDataKeyCommand).callsFake((input: { NumberOfBytes?: number; EncryptionContext?: Record<string, string> }) => {
      const key = new Uint8Array(randomBytes(input.NumberOfBytes ?? 32));
      const blob = new Uint8Array(randomBytes(48));
      wrapped.set(Buffer.from(blob).toString('hex'), { key, context: canonical(input.EncryptionContext) });
      // Copies: the SDK zeroes a data key's bytes once it has used them, as real responses are its own.
      return { KeyId: keyArn, Plaintext: new Uint8Array(key), CiphertextBlob: blob };
    });
    kms.on(DecryptCommand).callsFake((input: { CiphertextBlob?: Uint8Array; EncryptionContext?: Record<string, string> }) => {
      const found = wrapped.get(Buffer.from(input.CiphertextBlob ?? []).toString('hex'));
      if (!found || found.context !== canonical(input.EncryptionContext)) {
        throw Object.assign(new Error('InvalidCiphertextException'), { name: 'InvalidCiphertextException' });
      }
      return { KeyId: keyArn, Plaintext: new Uint8Array(found.key) };
    });
    return kms;
  };

  it('asks KMS for one data key under the personal-data key, bound to the case, and unwraps it with the same binding', async () => {
    const kms = fakeKms();
    const onAws = new KmsEnvelopeCipher(() => keyArn, new KMS({ region: 'ap-northeast-2', credentials: { accessKeyId: 'a', secretAccessKey: 's' } }));
    const stored = await onAws.encrypt(person, binding);
    expect(await onAws.decrypt(stored, binding)).toEqual(person);

    const [generate] = kms.commandCalls(GenerateDataKeyCommand);
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(1);
    expect(generate?.args[0].input).toMatchObject({
      KeyId: keyArn,
      NumberOfBytes: 32,
      EncryptionContext: { purpose: PERSONAL_DATA_PURPOSE, caseId: binding.caseId, region: binding.region },
    });
    const [decrypt] = kms.commandCalls(DecryptCommand);
    expect(decrypt?.args[0].input).toMatchObject({
      KeyId: keyArn,
      EncryptionContext: { purpose: PERSONAL_DATA_PURPOSE, caseId: binding.caseId, region: binding.region },
    });
    // Nothing personal goes to KMS, whose requests CloudTrail records.
    expect(JSON.stringify(kms.calls().map((call) => call.args[0].input))).not.toContain(person.name);
    kms.restore();
  });

  it('refuses a record moved to another case, though KMS unwraps its key for the case it was made for', async () => {
    const kms = fakeKms();
    const onAws = new KmsEnvelopeCipher(() => keyArn, new KMS({ region: 'ap-northeast-2', credentials: { accessKeyId: 'a', secretAccessKey: 's' } }));
    const stored = await onAws.encrypt(person, binding);
    await expect(onAws.decrypt(stored, { ...binding, caseId: 'c_another-case-0000000000' })).rejects.toMatchObject({ reason: 'wrong-case' });
    kms.restore();
  });

  it('fails closed when KMS refuses', async () => {
    const kms = mockClient(KMSClient);
    kms.on(GenerateDataKeyCommand).rejects(Object.assign(new Error('AccessDeniedException'), { name: 'AccessDeniedException' }));
    const onAws = new KmsEnvelopeCipher(() => keyArn, new KMS({ region: 'ap-northeast-2', maxAttempts: 1, credentials: { accessKeyId: 'a', secretAccessKey: 's' } }));
    await expect(onAws.encrypt(person, binding)).rejects.toThrow();
    kms.restore();
  });
});
