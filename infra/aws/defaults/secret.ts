import { RemovalPolicy } from 'aws-cdk-lib';
import type { SecretProps } from 'aws-cdk-lib/aws-secretsmanager';

/** A lost pepper makes every stored hash unmatchable: secrets outlive the stack. */
export const secretDefaults = {
  removalPolicy: RemovalPolicy.RETAIN,
} as const satisfies Partial<SecretProps>;

/** Generated secrets are random bytes nobody types: long, without punctuation so any encoding keeps them. */
export const generatedSecret = {
  passwordLength: 64,
  excludePunctuation: true,
} as const;

/**
 * Secrets whose value is filled in by operators (card companies' webhook keys arrive out of band), so
 * they start as an empty JSON object rather than random bytes. Every other secret is generated.
 * The manifest's `SecretSpec` does not say how a secret starts yet; until it does, this list does.
 */
export const operatorFilledSecrets: ReadonlySet<string> = new Set(['partner-keys']);

/**
 * Why a secret has no Secrets Manager rotation. A new secret missing here fails cdk-nag
 * (AwsSolutions-SMG4) until it gets a rotation schedule or a reason.
 */
export const rotationExemptions: Readonly<Record<string, string>> = {
  'id-pepper':
    'A hashing pepper cannot be rotated on a schedule: every stored hash (identifiers, store keys, device tokens) was made with it and would stop matching. Rotating it is a planned re-hash.',
  'partner-keys':
    'Filled by operators with the keys card companies issue; partners rotate them on their own schedule, with two keys valid at once, which no rotation Lambda can do for them.',
};
