import type { CredentialKind } from '../../shared/platform/credentials.ts';

/**
 * Issues a real store key or device token (the subject's only one from then on) through the credentials
 * service and table. Imported lazily: the modules read their configuration at import, after the test
 * runtime has set it.
 */
export const issueCredential = async (kind: CredentialKind, subject: string): Promise<string> => {
  const [{ Credentials }, { CredentialsRepository }, { secrets }] = await Promise.all([
    import('../../shared/platform/credentials.ts'),
    import('../../shared/data/credentials-repository.ts'),
    import('../../shared/secrets.ts'),
  ]);
  return new Credentials(new CredentialsRepository(), () => secrets.get('id-pepper')).issue(kind, subject);
};
