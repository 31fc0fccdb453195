/**
 * Written into every record's encryption context and checked on decrypt; on AWS the IAM grants on the
 * personal-data key require it too, so the key serves this purpose and no other.
 */
export const PERSONAL_DATA_PURPOSE = 'quarantine-case-personal-data';

/** What of a quarantined person must be read back by their case officer: only these, only sealed. */
export interface PersonalFields {
  readonly name: string;
  readonly phone: string;
}

/**
 * The case an encrypted record belongs to. Bound into the ciphertext as its encryption context, so a record
 * copied to another case (or another region) does not open; nothing personal may go here, since the
 * context travels in the clear in the message header and in KMS's CloudTrail entries.
 */
export interface CaseBinding {
  readonly caseId: string;
  readonly region: string;
}

/**
 * Envelope encryption of a person's name and phone (the AWS Encryption SDK): a KMS keyring on AWS, a
 * raw AES-256 keyring from the local secrets file locally. What is stored is the base64 of the SDK's
 * message; the plaintext exists only in the caller's memory.
 */
export interface PersonalDataCipher {
  encrypt(fields: PersonalFields, binding: CaseBinding): Promise<string>;
  /** Throws `PersonalDataUnreadable` when the record was altered, belongs to another case, or the key is wrong. */
  decrypt(ciphertext: string, binding: CaseBinding): Promise<PersonalFields>;
}

/**
 * Says which case's record failed and why, in words that carry nothing of the person: it never wraps
 * the underlying error, whose message could quote decrypted bytes.
 */
export class PersonalDataUnreadable extends Error {
  override name = 'PersonalDataUnreadable';
  constructor(
    readonly caseId: string,
    readonly reason: 'tampered-or-wrong-key' | 'wrong-case' | 'malformed',
  ) {
    super(`The encrypted personal data of case ${caseId} does not decrypt: ${reason}.`);
  }
}
