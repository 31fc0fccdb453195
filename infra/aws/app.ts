import { buildApp } from './crisis-response-app.ts';

// `cdk.json` runs this file; the context values it reads are documented on `buildApp`.
buildApp().app.synth();
