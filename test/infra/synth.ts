import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest } from '../../infra/manifest/index.ts';
import { buildApp } from '../../infra/aws/crisis-response-app.ts';
import type { CrisisResponseStack } from '../../infra/aws/crisis-response-stack.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The feature flags `cdk synth` runs with, so the tests check the template the CLI would make. */
const cdkJsonContext = (JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as { context: object }).context;

export interface SynthOptions {
  /** Another manifest than the project's (the stack walks whatever it is given). */
  readonly manifest?: Manifest;
  /** Extra CDK context (e.g. `{ alarmEmail: '…' }`); `stage` is `test` unless given. */
  readonly context?: Readonly<Record<string, unknown>>;
  /**
   * Run esbuild for every function (slow, and needs every entry to exist and compile). Off by default:
   * the template is the same apart from asset hashes, and `npm run synth` bundles for real.
   */
  readonly bundle?: boolean;
  /**
   * Run CDK's built-in CloudFormation template checks, as `cdk synth` does. Off by default: compiling
   * their rule engine costs several seconds per synth.
   */
  readonly cloudFormationValidation?: boolean;
}

export interface Synthesized {
  readonly app: App;
  readonly stack: CrisisResponseStack;
  readonly template: Template;
  /** The cloud assembly directory: templates, and `validation-report.json` from the rule packs. */
  readonly assemblyDirectory: string;
}

/**
 * Builds the app exactly as `cdk synth` does (same `buildApp`, flags and cdk-nag packs) and synthesizes
 * it once. Call it once per test file, at module scope or in `beforeAll`: a synth takes a second or two.
 * Validation errors do not throw here, so the cdk-nag tests can list every finding.
 */
export const synthesize = (options: SynthOptions = {}): Synthesized => {
  const outdir = mkdtempSync(join(tmpdir(), 'crisis-response-cdk-'));
  process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
  const { app, stack } = buildApp(
    {
      outdir,
      builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
      context: {
        ...cdkJsonContext,
        stage: 'test',
        // Every rule-pack finding ends in the report instead of aborting the synth.
        '@aws-cdk/core:failSynthOnValidationErrors': false,
        ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
        ...options.context,
      },
    },
    options.manifest,
  );
  const assembly = app.synth();
  return { app, stack, template: Template.fromStack(stack), assemblyDirectory: assembly.directory };
};

/** The synthesized CloudFormation template of the project's manifest (what `npm run synth` makes). */
export const synthTemplate = (options: SynthOptions = {}): Template => synthesize(options).template;
