import { RawAesKeyringNode, RawAesWrappingSuiteIdentifier, type AlgorithmSuiteIdentifier } from '@aws-crypto/client-node';
import { DEFAULT_SUITE, EncryptionSdkCipher } from './encryption-sdk-cipher.ts';

/** Names the wrapping key inside each message; a message wrapped by another key name does not open. */
export const LOCAL_KEY_NAMESPACE = 'crisis-response-local';
export const LOCAL_KEY_NAME = 'personal-data-key';

/**
 * The local runtime's keyring: AES-256-GCM wrapping with a key generated once per data directory into
 * `secrets.json` (base64 of 32 random bytes). Same message format as on AWS, only the data key is
 * wrapped by this key instead of by KMS.
 */
export class RawAesEnvelopeCipher extends EncryptionSdkCipher {
  constructor(wrappingKey: () => Promise<string>, suiteId: AlgorithmSuiteIdentifier = DEFAULT_SUITE) {
    super(async () => {
      const key = Buffer.from(await wrappingKey(), 'base64');
      if (key.length !== 32) throw new Error(`The local ${LOCAL_KEY_NAME} must be 32 bytes (base64); it is ${key.length}.`);
      return new RawAesKeyringNode({
        keyNamespace: LOCAL_KEY_NAMESPACE,
        keyName: LOCAL_KEY_NAME,
        unencryptedMasterKey: new Uint8Array(key),
        wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
      });
    }, suiteId);
  }
}
