import { ensureWebBuild } from '../local/web-build.ts';
import { buildApp } from './crisis-response-app.ts';

// The pages deployment uploads dist/web: build it first if it is missing or older than web/.
await ensureWebBuild((line) => console.error(line));

// `cdk.json` runs this file; the context values it reads are documented on `buildApp`.
buildApp().app.synth();
