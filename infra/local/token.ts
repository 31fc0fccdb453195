import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LocalSecrets } from './local-secrets.ts';
import { OfficialIssuer } from './official-issuer.ts';
import { registerOfficial } from './local-officials.ts';
import { attachFunctions } from './runtime.ts';
import { requireRunningSystem } from './running-system.ts';
import { OFFICIAL_ROLES } from '../../shared/auth/principal.ts';

/**
 * `npm run token -- --role officer --region 11 --officer <id>`: an official's ID token, the same claims
 * Cognito would put in it, signed with the issuer key of the `npm start` running on DATA_DIR so that its
 * gateway accepts it. An officer id the directory does not know is put in it first (as an admin would
 * create them); one it holds disabled, or with another role or region, gets no token. It writes none of
 * the system's files; with none running it says how to start one.
 */
const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'officer' },
    region: { type: 'string' },
    officer: { type: 'string' },
    hours: { type: 'string', default: '8' },
  },
});

const fail = (message: string): never => {
  console.error(`${message}\nusage: npm run token -- --role officer|admin|national-admin --region <2 digits> --officer <id> [--hours 8]`);
  process.exit(2);
};

const role = OFFICIAL_ROLES.find((known) => known === values.role) ?? fail(`--role must be officer, admin or national-admin, not ${values.role}`);
const region = values.region && /^\d{2}$/.test(values.region) ? values.region : fail('--region takes a 2-digit region code, e.g. 11 (Seoul)');
const officerId = values.officer && values.officer.length > 0 ? values.officer : fail('--officer takes the officer id');
const hours = Number(values.hours);
if (!(hours > 0 && hours <= 24 * 30)) fail('--hours must be between 0 and 720');

const given = process.env.DATA_DIR ?? '.data';
const dataDir = resolve(given);
try {
  const system = await requireRunningSystem(dataDir, given);
  attachFunctions({ dataDir, dynamoEndpoint: system.dynamoEndpoint });
  const official = await registerOfficial({ role, region, officerId }, { createdBy: 'npm run token' });
  if (!official.enabled) throw new Error(`${officerId} is disabled in the officials directory; an admin of region ${official.region} can enable them again.`);
  if (official.role !== role || official.region !== region) {
    throw new Error(`The officials directory holds ${officerId} as ${official.role} of region ${official.region}; ask for that role and region.`);
  }
  const secrets = JSON.parse(await readFile(resolve(dataDir, 'secrets.json'), 'utf8')) as LocalSecrets;
  const issuer = await OfficialIssuer.fromJwk(JSON.parse(secrets['official-signing-key']));
  console.log(await issuer.sign({ role, region, officerId }, Math.round(hours * 3600)));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
