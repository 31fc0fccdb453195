import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { SnsNotifier } from '../../../shared/adapters/sns-notifier.ts';

describe('the SNS notifier', () => {
  it('publishes to the topic’s ARN with string attributes officials filter on', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: 'm1' });
    const notifier = new SnsNotifier((topic) => `arn:aws:sns:ap-northeast-2:1:${topic}`, new SNSClient({}));
    await notifier.publish('alerts', { subject: '[crisis-response] 자가격리 이탈 fever', body: '본문', attributes: { region: '11', officerId: 'o-1' } });
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      TopicArn: 'arn:aws:sns:ap-northeast-2:1:alerts',
      Message: '본문',
      MessageAttributes: { region: { DataType: 'String', StringValue: '11' }, officerId: { DataType: 'String', StringValue: 'o-1' } },
    });
    // SNS rejects non-ASCII subjects: the Korean stays in the body.
    expect(input?.Subject).toMatch(/^[\x20-\x7E]+$/);
  });

  it('lets a failure reach the caller, so the outbox keeps the alert', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).rejects(Object.assign(new Error('Service Unavailable'), { name: 'InternalErrorException', $metadata: { httpStatusCode: 500 } }));
    const notifier = new SnsNotifier(() => 'arn', new SNSClient({ maxAttempts: 1 }));
    await expect(notifier.publish('alerts', { subject: 's', body: 'b', attributes: {} })).rejects.toThrow('Service Unavailable');
  });
});
