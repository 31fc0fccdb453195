import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { coverageManifest } from './coverage-manifest.ts';
import { describeLeastPrivilege } from './expect-least-privilege.ts';
import { describeNag } from './expect-nag.ts';
import { describeResources } from './expect-resources.ts';
import { describeTriggers } from './expect-triggers.ts';
import { synthesize } from './synth.ts';

// The same expectations over a manifest that uses every trigger, auth and access kind the project's
// manifest does not use yet, so the stack's code for them is checked before a feature needs it.
const synthesized = synthesize({ manifest: coverageManifest, context: { alarmEmail: 'operations@example.org' } });

describeResources(coverageManifest, synthesized);
describeTriggers(coverageManifest, synthesized);
describeLeastPrivilege(coverageManifest, synthesized);
describeNag(synthesized);

describe('what only this manifest exercises', () => {
  const { template } = synthesized;

  test('one Lambda authorizer per bearer auth kind, both on the manifest’s authorizer function', () => {
    template.resourcePropertiesCountIs('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'REQUEST' }, 2);
  });

  test('AWS service sources are forwarded from the default bus to the stack’s bus', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule')).filter(
      (rule) => rule['Properties'].EventBusName === undefined && rule['Properties'].EventPattern?.source,
    );
    expect(rules.map((rule) => rule['Properties'].EventPattern)).toEqual([{ source: ['aws.geo'] }]);
  });

  test('the alarm e-mail is subscribed to the operations topic, with a DLQ', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'operations@example.org',
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
    });
  });
});
