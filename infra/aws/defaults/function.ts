import { Duration } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/** Used when the manifest does not say; API Gateway gives up on an integration after 30 s anyway. */
export const defaultTimeoutSeconds = 10;
/** Lambda's CPU share grows with memory; 512 MB keeps cold starts of a bundled middy chain short. */
export const defaultMemoryMb = 512;

/**
 * esbuild writes `import`s, but dependencies written for CommonJS still call `require`; ESM has none,
 * so the bundle gets one built from its own URL. Renamed on import so it cannot clash with bundled code.
 */
const requireShim =
  "import { createRequire as __crisisCreateRequire } from 'node:module'; const require = __crisisCreateRequire(import.meta.url);";

export const bundlingDefaults = {
  format: OutputFormat.ESM,
  target: 'node24',
  // Prefer packages' ESM builds so esbuild can tree-shake them.
  mainFields: ['module', 'main'],
  banner: requireShim,
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  // Stack traces only need the mappings; the sources would double the artefact.
  sourcesContent: false,
  // The runtime ships the v3 SDK; bundling it only adds cold-start time.
  externalModules: ['@aws-sdk/*'],
} as const satisfies BundlingOptions;

export const functionDefaults = {
  runtime: Runtime.NODEJS_24_X,
  // Graviton: cheaper per GB-second and at least as fast for this I/O-bound code.
  architecture: Architecture.ARM_64,
  tracing: Tracing.ACTIVE,
  loggingFormat: LoggingFormat.JSON,
  timeout: Duration.seconds(defaultTimeoutSeconds),
  memorySize: defaultMemoryMb,
} as const;

/** Variables every handler sees, whatever it uses. */
export const commonEnvironment = (service: string): Record<string, string> => ({
  // Minified stack traces are useless in an incident; the runtime maps them back through the .map file.
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: service,
  POWERTOOLS_METRICS_NAMESPACE: 'CrisisResponse',
});
