import {
  FilterPolicyLimitExceededException,
  GetSubscriptionAttributesCommand,
  InternalErrorException,
  InvalidParameterException,
  NotFoundException,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
  ThrottledException,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { SnsNotifier } from '../../../shared/adapters/sns-notifier.ts';
import { EndpointRefused, NotifierUnavailable, SubscriptionLimitReached, type SubscribeRequest } from '../../../shared/ports/notifier.ts';

const TOPIC = 'arn:aws:sns:ap-northeast-2:111122223333:alerts';
const DLQ = 'arn:aws:sqs:ap-northeast-2:111122223333:subscriptions-dlq';
const SUBSCRIPTION = `${TOPIC}:5c9f0d64-6a0e-4b8e-9d3c-1f2e3d4c5b6a`;

const sdkError = <E extends Error>(Type: new (options: { message: string; $metadata: object }) => E, message = 'failed') =>
  new Type({ message, $metadata: { httpStatusCode: Type === (InternalErrorException as unknown) ? 500 : 400 } });

/** One retry-free client per test: a failure reaches the adapter as SNS answered it. */
const setup = () => {
  const sns = mockClient(SNSClient);
  const notifier = new SnsNotifier((topic) => `arn:aws:sns:ap-northeast-2:111122223333:${topic}`, new SNSClient({ maxAttempts: 1 }), () => DLQ);
  return { sns, notifier };
};

const request: SubscribeRequest = {
  topic: 'alerts',
  protocol: 'email',
  endpoint: 'officer.kim@example.org',
  filterPolicy: { region: ['11'], officerId: ['o-1', { exists: false }], severity: ['high', 'critical'] },
  owner: { subscriptionId: 's-1', officerId: 'o-1' },
};

describe('the SNS notifier', () => {
  it('publishes to the topic’s ARN with string attributes officials filter on', async () => {
    const { sns, notifier } = setup();
    sns.on(PublishCommand).resolves({ MessageId: 'm1' });
    await notifier.publish('alerts', { subject: '[crisis-response] 자가격리 이탈 fever', body: '본문', attributes: { region: '11', officerId: 'o-1' } });
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input).toEqual({
      TopicArn: TOPIC,
      Subject: '[crisis-response]   fever', // SNS rejects non-ASCII subjects: the Korean stays in the body
      Message: '본문',
      MessageAttributes: { region: { DataType: 'String', StringValue: '11' }, officerId: { DataType: 'String', StringValue: 'o-1' } },
    });
  });

  it('lets a publish failure reach the caller, so the outbox keeps the alert (5xx and throttling)', async () => {
    const { sns, notifier } = setup();
    sns.on(PublishCommand).rejectsOnce(sdkError(InternalErrorException, 'Service Unavailable')).rejectsOnce(sdkError(ThrottledException, 'Rate exceeded'));
    const message = { subject: 's', body: 'b', attributes: {} };
    await expect(notifier.publish('alerts', message)).rejects.toThrow('Service Unavailable');
    await expect(notifier.publish('alerts', message)).rejects.toThrow('Rate exceeded');
  });

  it('subscribes with the filter policy on message attributes, the shared dead-letter queue, and asks for the ARN', async () => {
    const { sns, notifier } = setup();
    sns.on(SubscribeCommand).resolves({ SubscriptionArn: SUBSCRIPTION });
    expect(await notifier.subscribe(request)).toEqual({ subscriptionArn: SUBSCRIPTION, pendingConfirmation: true });
    expect(sns.commandCalls(SubscribeCommand)[0]?.args[0].input).toEqual({
      TopicArn: TOPIC,
      Protocol: 'email',
      Endpoint: 'officer.kim@example.org',
      Attributes: {
        FilterPolicy: '{"region":["11"],"officerId":["o-1",{"exists":false}],"severity":["high","critical"]}',
        FilterPolicyScope: 'MessageAttributes',
        RedrivePolicy: `{"deadLetterTargetArn":"${DLQ}"}`,
      },
      ReturnSubscriptionArn: true,
    });
  });

  it('treats an SMS subscription as confirmed at once', async () => {
    const { sns, notifier } = setup();
    sns.on(SubscribeCommand).resolves({ SubscriptionArn: SUBSCRIPTION });
    expect(await notifier.subscribe({ ...request, protocol: 'sms', endpoint: '+821012345678' })).toEqual({ subscriptionArn: SUBSCRIPTION, pendingConfirmation: false });
  });

  it('says what a refused Subscribe means: down, throttled, out of policies, or a bad endpoint', async () => {
    const { sns, notifier } = setup();
    sns
      .on(SubscribeCommand)
      .rejectsOnce(sdkError(InternalErrorException))
      .rejectsOnce(sdkError(ThrottledException))
      .rejectsOnce(sdkError(FilterPolicyLimitExceededException))
      .rejectsOnce(sdkError(InvalidParameterException, 'Invalid parameter: Endpoint'));
    await expect(notifier.subscribe(request)).rejects.toBeInstanceOf(NotifierUnavailable);
    await expect(notifier.subscribe(request)).rejects.toBeInstanceOf(NotifierUnavailable);
    await expect(notifier.subscribe(request)).rejects.toBeInstanceOf(SubscriptionLimitReached);
    await expect(notifier.subscribe(request)).rejects.toBeInstanceOf(EndpointRefused);
  });

  it('unsubscribes by ARN, and a subscription SNS no longer has is already gone', async () => {
    const { sns, notifier } = setup();
    sns.on(UnsubscribeCommand).resolvesOnce({}).rejectsOnce(sdkError(NotFoundException)).rejectsOnce(sdkError(InternalErrorException));
    await notifier.unsubscribe(SUBSCRIPTION);
    expect(sns.commandCalls(UnsubscribeCommand)[0]?.args[0].input).toEqual({ SubscriptionArn: SUBSCRIPTION });
    await expect(notifier.unsubscribe(SUBSCRIPTION)).resolves.toBeUndefined();
    await expect(notifier.unsubscribe(SUBSCRIPTION)).rejects.toBeInstanceOf(NotifierUnavailable);
  });

  it('reads whether the recipient confirmed, and notices a lapsed subscription', async () => {
    const { sns, notifier } = setup();
    sns
      .on(GetSubscriptionAttributesCommand)
      .resolvesOnce({ Attributes: { PendingConfirmation: 'true' } })
      .resolvesOnce({ Attributes: { PendingConfirmation: 'false' } })
      .rejectsOnce(sdkError(NotFoundException));
    expect(await notifier.confirmation(SUBSCRIPTION)).toBe('pending');
    expect(await notifier.confirmation(SUBSCRIPTION)).toBe('confirmed');
    expect(await notifier.confirmation(SUBSCRIPTION)).toBe('gone');
    expect(sns.commandCalls(GetSubscriptionAttributesCommand)[0]?.args[0].input).toEqual({ SubscriptionArn: SUBSCRIPTION });
  });
});
