import type { OfficialClaims, OfficialIssuer } from '../../infra/local/official-issuer.ts';
import { registerOfficial } from '../../infra/local/local-officials.ts';

/**
 * The test runtime's issuer: before signing for an official, it puts them in the directory as an admin
 * would have (unless they are there already, enabled or not), so a test can sign in as any official it
 * names and a disabled one stays refused. Only tests get this issuer; the runtime's own signs for anyone,
 * and the gateway then refuses whoever the directory does not hold enabled.
 */
export const registeringIssuer = (issuer: OfficialIssuer): OfficialIssuer =>
  Object.assign(Object.create(issuer) as OfficialIssuer, {
    sign: async (claims: OfficialClaims, ttlSeconds?: number) => {
      await registerOfficial(claims, { createdBy: 'test' });
      return issuer.sign(claims, ttlSeconds);
    },
  });
