import { describe, expect, test } from 'vitest';
import { manifest } from '../../infra/manifest/index.ts';
import { subscriptionDeadLetterEnv } from '../../infra/manifest/environment.ts';
import { logicalIds } from './logical-ids.ts';
import { synthesize } from './synth.ts';

const { stack, template } = synthesize();
const ids = logicalIds(stack);
const resources = template.toJSON()['Resources'] as Record<string, { Type: string; Properties: Record<string, unknown> }>;
const subscribers = manifest.functions.filter((spec) => (spec.uses.subscribes ?? []).length > 0);

describe('the dead-letter queue of officials’ subscriptions', () => {
  test('the functions that subscribe officials exist, and point SNS at one queue per topic', () => {
    expect(subscribers.map((s) => s.name)).toEqual(['list-subscriptions', 'create-subscription', 'delete-subscription', 'change-official-status']);
    const queues = new Set(
      subscribers.map((spec) => {
        const variables = (resources[ids.function(spec.name)]?.Properties['Environment'] as { Variables: Record<string, { 'Fn::GetAtt': [string, string] }> }).Variables;
        return variables[subscriptionDeadLetterEnv('alerts')]?.['Fn::GetAtt'][0];
      }),
    );
    expect(queues.size).toBe(1);
    const [queue] = [...queues] as [string];
    expect(resources[queue]?.Type).toBe('AWS::SQS::Queue');

    // Only SNS, only on behalf of the alerts topic, only to send.
    const policies = Object.values(resources).filter((r) => r.Type === 'AWS::SQS::QueuePolicy' && JSON.stringify(r.Properties['Queues']) === JSON.stringify([{ Ref: queue }]));
    const statements = policies.flatMap((p) => (p.Properties['PolicyDocument'] as { Statement: Record<string, unknown>[] }).Statement);
    const fromSns = statements.filter((s) => JSON.stringify(s['Principal']).includes('sns.amazonaws.com'));
    expect(fromSns).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Condition: { ArnEquals: { 'aws:SourceArn': { Ref: ids.topic('alerts') } } },
      }),
    ]);
  });
});
