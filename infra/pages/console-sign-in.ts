/**
 * How the officials' console signs in, as `/console/console-config.json` tells it: locally the local
 * issuer's sign-in page; on AWS Cognito's managed login (authorization code with PKCE), whose domain
 * and app client the pages deployment writes next to the pages. The console exchanges the code at the
 * domain's `/oauth2/token` from the page itself, so the pages' CSP must let it connect there.
 */
export interface ManagedLogin {
  /** The managed login host, `<prefix>.auth.<region>.amazoncognito.com`, no scheme. */
  readonly domain: string;
  readonly clientId: string;
  /** Managed login's callback and sign-out address; the console defaults to its own `/console/`. */
  readonly consoleUrl?: string;
}

export type ConsoleSignInConfig =
  | { readonly signIn: 'local' }
  | { readonly signIn: 'cognito'; readonly domain: string; readonly clientId: string; readonly redirectUri?: string; readonly logoutUri?: string };

/** The file's body: what `web/console/console-config.js` reads. */
export const consoleSignInConfig = (login: ManagedLogin | undefined): ConsoleSignInConfig =>
  login
    ? {
        signIn: 'cognito',
        domain: login.domain,
        clientId: login.clientId,
        ...(login.consoleUrl ? { redirectUri: login.consoleUrl, logoutUri: login.consoleUrl } : {}),
      }
    : { signIn: 'local' };

/** The origin the console's token exchange goes to, for the pages' `connect-src`. */
export const signInOrigin = (login: ManagedLogin | undefined): string | undefined => (login ? `https://${login.domain}` : undefined);
