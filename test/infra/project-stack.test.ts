import { manifest } from '../../infra/manifest/index.ts';
import { describeLeastPrivilege } from './expect-least-privilege.ts';
import { describeNag } from './expect-nag.ts';
import { describeResources } from './expect-resources.ts';
import { describeTriggers } from './expect-triggers.ts';
import { synthesize } from './synth.ts';

// The stack of the project's manifest, synthesized once (with the CloudFormation checks `cdk synth`
// runs); every expectation walks the manifest.
const synthesized = synthesize({ cloudFormationValidation: true });

describeResources(manifest, synthesized);
describeTriggers(manifest, synthesized);
describeLeastPrivilege(manifest, synthesized);
describeNag(synthesized);
