import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { Construct } from 'constructs';

/**
 * The rule packs every synth is checked against (cdk-nag 3 runs as a CDK validation plugin: an
 * unacknowledged error fails the synth, a warning is printed). `app.ts` and the infra tests both call
 * this, so the tests check exactly what `npm run synth` checks.
 */
export const nagPacks = (app: Construct) => [new AwsSolutionsChecks(app), new ServerlessChecks(app)] as const;

export const addNagPacks = (app: Construct): void => {
  Validations.of(app).addPlugins(...nagPacks(app));
};
