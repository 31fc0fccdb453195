import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileNotifier, maskEndpoint } from '../../../shared/adapters/file-notifier.ts';
import { LOCAL_POLICIES_PER_TOPIC } from '../../../shared/adapters/local-topic-subscriptions.ts';
import { EndpointRefused, NotifierUnavailable, SubscriptionLimitReached, type SubscribeRequest } from '../../../shared/ports/notifier.ts';

const setup = (now = () => new Date()) => {
  const dir = mkdtempSync(join(tmpdir(), 'file-notifier-'));
  const files = { notifications: join(dir, 'notifications.jsonl'), subscriptions: join(dir, 'sns-subscriptions.json'), faults: join(dir, 'faults.json') };
  const lines = (): Record<string, unknown>[] =>
    existsSync(files.notifications) ? readFileSync(files.notifications, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  return { files, lines, notifier: new FileNotifier(files, now) };
};

const sms = (officerId: string, filterPolicy: SubscribeRequest['filterPolicy']): SubscribeRequest => ({
  topic: 'alerts',
  protocol: 'sms',
  endpoint: '+821012345678',
  filterPolicy,
  owner: { subscriptionId: `s-${officerId}`, officerId },
});
const geofenceExit = { subject: 's', body: '자가격리 이탈', attributes: { alertId: 'a-1', alertType: 'GEOFENCE_EXIT', severity: 'high', region: '11', officerId: 'o-1' } };

describe('the local notifier', () => {
  it('records one delivery per subscriber whose policy SNS would match, and the publish itself', async () => {
    const { notifier, lines } = setup();
    await notifier.subscribe(sms('o-1', { region: ['11'], officerId: ['o-1', { exists: false }] }));
    await notifier.subscribe(sms('o-2', { region: ['11'], officerId: ['o-2', { exists: false }] }));
    await notifier.subscribe(sms('admin-11', { region: ['11'] }));
    await notifier.subscribe(sms('admin-27', { region: ['27'] }));
    await notifier.subscribe(sms('info-only', { severity: ['info'] }));
    await notifier.publish('alerts', geofenceExit);
    const written = lines();
    expect(written.filter((l) => l.type === 'publish')).toMatchObject([{ topic: 'alerts', subscribers: 2, body: '자가격리 이탈' }]);
    expect(written.filter((l) => l.type === 'delivery').map((l) => l.officerId)).toEqual(['o-1', 'admin-11']);
    expect(written.find((l) => l.type === 'delivery')).toMatchObject({ protocol: 'sms', endpoint: '+82******5678', attributes: geofenceExit.attributes, subscriptionId: 's-o-1' });
  });

  it('delivers nothing to an e-mail subscription until its confirmation link is followed', async () => {
    const { notifier, lines } = setup();
    const { subscriptionArn, pendingConfirmation } = await notifier.subscribe({ ...sms('o-1', { region: ['11'] }), protocol: 'email', endpoint: 'kim@example.org' });
    expect(pendingConfirmation).toBe(true);
    expect(await notifier.confirmation(subscriptionArn)).toBe('pending');
    await notifier.publish('alerts', geofenceExit);
    expect(lines().filter((l) => l.type === 'delivery')).toEqual([]);

    const confirmation = lines().find((l) => l.type === 'subscription-confirmation');
    expect(confirmation).toMatchObject({ officerId: 'o-1', endpoint: 'k***@example.org' });
    const token = new URL(String(confirmation?.confirmUrl), 'http://local').searchParams.get('token') ?? '';
    expect(await notifier.confirm('not-the-token')).toBeUndefined();
    expect(await notifier.confirm(token)).toMatchObject({ subscriptionArn, pendingConfirmation: false });
    expect(await notifier.confirmation(subscriptionArn)).toBe('confirmed');
    await notifier.publish('alerts', geofenceExit);
    expect(lines().filter((l) => l.type === 'delivery')).toHaveLength(1);
  });

  it('stops delivering to a removed subscription, and removing it twice is fine', async () => {
    const { notifier, lines } = setup();
    const { subscriptionArn } = await notifier.subscribe(sms('o-1', { region: ['11'] }));
    await notifier.unsubscribe(subscriptionArn);
    await notifier.unsubscribe(subscriptionArn);
    await notifier.publish('alerts', geofenceExit);
    expect(lines().filter((l) => l.type === 'delivery')).toEqual([]);
    expect(await notifier.confirmation(subscriptionArn)).toBe('gone');
  });

  it('fails like SNS while faults.json says SNS is down, and works again after', async () => {
    let clock = new Date('2026-11-25T10:00:00Z');
    const { notifier, files, lines } = setup(() => clock);
    writeFileSync(files.faults, JSON.stringify({ sns: { failUntil: '2026-11-25T10:05:00Z' } }));
    await expect(notifier.publish('alerts', geofenceExit)).rejects.toMatchObject({ name: 'InternalErrorException', $metadata: { httpStatusCode: 500 } });
    await expect(notifier.subscribe(sms('o-1', {}))).rejects.toBeInstanceOf(NotifierUnavailable);
    expect(lines()).toEqual([]);
    clock = new Date('2026-11-25T10:05:00.001Z');
    await notifier.publish('alerts', geofenceExit);
    expect(lines()).toHaveLength(1);
  });

  it('refuses the 201st filter policy on a topic, as SNS does by default, and an endpoint SNS would refuse', async () => {
    const { notifier } = setup();
    for (let i = 0; i < LOCAL_POLICIES_PER_TOPIC; i++) await notifier.subscribe(sms(`o-${i}`, { region: ['11'] }));
    await expect(notifier.subscribe(sms('one-more', { region: ['11'] }))).rejects.toBeInstanceOf(SubscriptionLimitReached);
    await expect(notifier.subscribe({ ...sms('o-x', {}), topic: 'operations', endpoint: '010-1234-5678' })).rejects.toBeInstanceOf(EndpointRefused);
  });

  it('masks endpoints enough to tell them apart', () => {
    expect(maskEndpoint('officer.kim@example.org')).toBe('o***@example.org');
    expect(maskEndpoint('+821012345678')).toBe('+82******5678');
  });
});
