import { App, Tags, type AppProps } from 'aws-cdk-lib';
import { manifest as theManifest, type Manifest } from '../manifest/index.ts';
import { CrisisResponseStack } from './crisis-response-stack.ts';
import { addNagPacks } from './nag-packs.ts';

/**
 * The CDK app: what `cdk synth`/`cdk deploy` run (through `app.ts`) and what the infra tests build, so
 * both see the same stack, tags and rule packs. Context values, all optional:
 *
 * - `stage`      (default `dev`): the stack is `crisis-response-<stage>`, secrets are named
 *                `crisis-response/<stage>/<secret>`; one stack per stage.
 * - `alarmEmail` (default none): an address subscribed to the operations topic, which CloudWatch alarms
 *                notify (function errors and throttles, dead-letter queue depth, API 5xx).
 *
 * e.g. `npx cdk deploy -c stage=prod -c alarmEmail=ops@example.org`. Account and region come from the
 * CLI's credentials (CDK_DEFAULT_ACCOUNT/REGION); with none, the synth is environment-agnostic.
 */
export const buildApp = (props: AppProps = {}, manifest: Manifest = theManifest) => {
  const app = new App(props);
  const stage = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
  const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`Context 'stage' must be lower-case letters, digits and dashes (got '${stage}').`);
  }

  addNagPacks(app);

  const stack = new CrisisResponseStack(app, `${manifest.service}-${stage}`, {
    stage,
    manifest,
    ...(alarmEmail && { alarmEmail }),
    env: { account: process.env['CDK_DEFAULT_ACCOUNT'], region: process.env['CDK_DEFAULT_REGION'] },
    description: `${manifest.service} (${stage}): masks, quarantine check-ins, relief funds.`,
  });
  Tags.of(stack).add('service', manifest.service);
  Tags.of(stack).add('stage', stage);
  return { app, stack };
};
