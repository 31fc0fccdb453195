import { AlgorithmSuiteIdentifier, buildClient, CommitmentPolicy, type KeyringNode } from '@aws-crypto/client-node';
import { z } from 'zod';
import { PERSONAL_DATA_PURPOSE, PersonalDataUnreadable, type CaseBinding, type PersonalDataCipher, type PersonalFields } from '../ports/personal-data-cipher.ts';

/**
 * Key commitment on both sides: a message can only ever decrypt to one plaintext. One encrypted data key
 * per message (one keyring wraps it), so a forged message with thousands of keys cannot make us call
 * KMS thousands of times.
 */
const client = buildClient({ commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT, maxEncryptedDataKeys: 1 });

/**
 * The signing suite (ECDSA P-384 over the message): a function granted only kms:Decrypt can read a
 * record but cannot make one that verifies, so reading rights are not writing rights. The bench measures
 * what it costs against the unsigned committing suite.
 */
export const DEFAULT_SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY_ECDSA_P384;

/** A name and a phone are well under a kilobyte; anything larger is not ours. */
const MAX_BODY_BYTES = 16 * 1024;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const fields = z.object({ name: z.string(), phone: z.string() }).strict();

const contextOf = (binding: CaseBinding): Record<string, string> => ({
  purpose: PERSONAL_DATA_PURPOSE,
  caseId: binding.caseId,
  region: binding.region,
});

/** Both runtimes' cipher: the same messages, only the keyring that wraps the data key differs. */
export class EncryptionSdkCipher implements PersonalDataCipher {
  #keyring: Promise<KeyringNode> | undefined;

  constructor(
    /** Made on first use: locally it reads the key from the secrets file, which a cold start need not do. */
    private readonly keyring: () => Promise<KeyringNode>,
    private readonly suiteId: AlgorithmSuiteIdentifier = DEFAULT_SUITE,
  ) {}

  async encrypt(personal: PersonalFields, binding: CaseBinding): Promise<string> {
    const plaintext = JSON.stringify(fields.parse(personal));
    const { result } = await client.encrypt(await this.#ring(), plaintext, { encryptionContext: contextOf(binding), suiteId: this.suiteId });
    return result.toString('base64');
  }

  async decrypt(ciphertext: string, binding: CaseBinding): Promise<PersonalFields> {
    if (!BASE64.test(ciphertext)) throw new PersonalDataUnreadable(binding.caseId, 'malformed');
    let opened: Awaited<ReturnType<typeof client.decrypt>>;
    try {
      opened = await client.decrypt(await this.#ring(), Buffer.from(ciphertext, 'base64'), { maxBodySize: MAX_BODY_BYTES });
    } catch {
      // The SDK's message names no plaintext, but nothing of it is kept either: the reason is enough.
      throw new PersonalDataUnreadable(binding.caseId, 'tampered-or-wrong-key');
    }
    // The header's context is authenticated, so it says truly which case this record was made for.
    const context = opened.messageHeader.encryptionContext;
    for (const [key, value] of Object.entries(contextOf(binding))) {
      if (context[key] !== value) throw new PersonalDataUnreadable(binding.caseId, 'wrong-case');
    }
    try {
      return fields.parse(JSON.parse(opened.plaintext.toString('utf8')));
    } catch {
      // JSON.parse quotes the text it choked on, and this text is a person's name: drop the error whole.
      throw new PersonalDataUnreadable(binding.caseId, 'malformed');
    }
  }

  #ring(): Promise<KeyringNode> {
    this.#keyring ??= this.keyring().catch((error: unknown) => {
      this.#keyring = undefined;
      throw error;
    });
    return this.#keyring;
  }
}
