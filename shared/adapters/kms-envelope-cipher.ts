import { KmsKeyringNode, type AlgorithmSuiteIdentifier } from '@aws-crypto/client-node';
import { KMS } from '@aws-sdk/client-kms';
import { DEFAULT_SUITE, EncryptionSdkCipher } from './encryption-sdk-cipher.ts';

/**
 * AWS: the data key of each record comes from KMS (GenerateDataKey on encrypt, Decrypt on decrypt) under
 * the stack's personal-data key, with the record's encryption context, so CloudTrail shows which case's
 * key was unwrapped, when and by which role. No data-key cache: every context is one case, so a cache
 * would never hit on encrypt, and a KMS call per record costs $0.03 per 10,000.
 */
export class KmsEnvelopeCipher extends EncryptionSdkCipher {
  constructor(keyArn: () => string, client: KMS = new KMS({}), suiteId: AlgorithmSuiteIdentifier = DEFAULT_SUITE) {
    super(async () => new KmsKeyringNode({ generatorKeyId: keyArn(), clientProvider: () => client }), suiteId);
  }
}
