import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { OfficialRole } from '../../shared/auth/principal.ts';

/**
 * The local stand-in for the Cognito user pool: it signs ID tokens with the claims Cognito puts in
 * them (groups, custom:region, custom:officer_id), and the local gateway verifies them the way the HTTP
 * API JWT authorizer does, so handlers see the same claims in both runtimes.
 */
export const LOCAL_ISSUER = 'crisis-response-local';
export const LOCAL_AUDIENCE = 'crisis-response-console';
const ALG = 'ES256';

export interface OfficialClaims {
  readonly role: OfficialRole;
  readonly region: string;
  readonly officerId: string;
}

export const newSigningKey = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  return { ...(await exportJWK(privateKey)), alg: ALG, kid: `local-${Date.now().toString(36)}` };
};

export class OfficialIssuer {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly publicJwk: JWK,
  ) {}

  static async fromJwk(jwk: JWK): Promise<OfficialIssuer> {
    const { d: _private, ...publicJwk } = jwk;
    const privateKey = (await importJWK(jwk, ALG)) as CryptoKey;
    const publicKey = (await importJWK(publicJwk, ALG)) as CryptoKey;
    return new OfficialIssuer(privateKey, publicKey, { ...publicJwk, use: 'sig' });
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  sign(claims: OfficialClaims, ttlSeconds = 8 * 3600): Promise<string> {
    return new SignJWT({
      'cognito:groups': [claims.role],
      'custom:region': claims.region,
      'custom:officer_id': claims.officerId,
      token_use: 'id',
    })
      .setProtectedHeader({ alg: ALG, kid: this.publicJwk.kid ?? 'local' })
      .setSubject(claims.officerId)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.privateKey);
  }

  /** As the HTTP API JWT authorizer: signature, issuer, audience, expiry. Throws when any fails. */
  async verify(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.publicKey, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: [ALG] });
    return payload;
  }
}
