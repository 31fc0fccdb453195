import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { ensureLocalSecrets } from './local-secrets.ts';
import { OfficialIssuer } from './official-issuer.ts';

/**
 * `npm run token -- --role officer --region 11 --officer <id>`: an official's ID token from the local
 * issuer of DATA_DIR, the same claims Cognito would put in it.
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
  console.error(`${message}\nusage: npm run token -- --role officer|admin --region <2 digits> --officer <id> [--hours 8]`);
  process.exit(2);
};

const role = values.role === 'admin' || values.role === 'officer' ? values.role : fail(`--role must be officer or admin, not ${values.role}`);
const region = values.region && /^\d{2}$/.test(values.region) ? values.region : fail('--region takes a 2-digit region code, e.g. 11 (Seoul)');
const officerId = values.officer && values.officer.length > 0 ? values.officer : fail('--officer takes the officer id');
const hours = Number(values.hours);
if (!(hours > 0 && hours <= 24 * 30)) fail('--hours must be between 0 and 720');

const dataDir = resolve(process.env.DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });
const secrets = await ensureLocalSecrets(resolve(dataDir, 'secrets.json'));
const issuer = await OfficialIssuer.fromJwk(secrets.signingKey);
console.log(await issuer.sign({ role, region, officerId }, Math.round(hours * 3600)));
