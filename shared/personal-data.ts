import { KmsEnvelopeCipher } from './adapters/kms-envelope-cipher.ts';
import { LOCAL_KEY_NAME, RawAesEnvelopeCipher } from './adapters/raw-aes-envelope-cipher.ts';
import { config } from './config.ts';
import type { PersonalDataCipher } from './ports/personal-data-cipher.ts';
import { secrets } from './secrets.ts';

/** KMS on AWS; locally a raw AES key that `npm start` generates once into the data directory's secrets. */
export const personalData: PersonalDataCipher =
  config.runtime === 'aws' ? new KmsEnvelopeCipher(config.personalDataKeyArn) : new RawAesEnvelopeCipher(() => secrets.get(LOCAL_KEY_NAME));
