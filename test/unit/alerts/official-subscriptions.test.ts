import { describe, expect, it } from 'vitest';
import { OfficialSubscriptions, type Subscription, type SubscriptionStore } from '../../../shared/alerts/official-subscriptions.ts';
import type { AuditEvent } from '../../../shared/audit/audit-trail.ts';
import type { Official } from '../../../shared/auth/principal.ts';
import { NotifierUnavailable, type Confirmation, type Notifier, type SubscribeRequest } from '../../../shared/ports/notifier.ts';

class MemoryStore implements SubscriptionStore {
  readonly items = new Map<string, Subscription>();
  #key = (o: string, s: string) => `${o}/${s}`;
  async get(o: string, s: string) {
    return this.items.get(this.#key(o, s));
  }
  async list(o: string) {
    return [...this.items.values()].filter((s) => s.officerId === o);
  }
  async begin(s: Subscription) {
    if (this.items.has(this.#key(s.officerId, s.subscriptionId))) return false;
    this.items.set(this.#key(s.officerId, s.subscriptionId), s);
    return true;
  }
  async complete(o: string, s: string, subscriptionArn: string, status: Subscription['status']) {
    const found = this.items.get(this.#key(o, s));
    if (found) this.items.set(this.#key(o, s), { ...found, subscriptionArn, status });
  }
  async setStatus(o: string, s: string, status: Subscription['status']) {
    const found = this.items.get(this.#key(o, s));
    if (found) this.items.set(this.#key(o, s), { ...found, status });
  }
  async remove(o: string, s: string) {
    this.items.delete(this.#key(o, s));
  }
}

class FakeSns implements Notifier {
  subscribed: SubscribeRequest[] = [];
  down = false;
  confirmationIs: Confirmation = 'pending';
  async publish() {}
  async subscribe(request: SubscribeRequest) {
    if (this.down) throw new NotifierUnavailable('down');
    this.subscribed.push(request);
    return { subscriptionArn: `arn:${this.subscribed.length}`, pendingConfirmation: request.protocol === 'email' };
  }
  async unsubscribe() {
    if (this.down) throw new NotifierUnavailable('down');
  }
  async confirmation() {
    if (this.down) throw new NotifierUnavailable('down');
    return this.confirmationIs;
  }
}

const officer: Official = { kind: 'official', role: 'officer', region: '11', officerId: 'o-1' };
const setup = () => {
  const store = new MemoryStore();
  const sns = new FakeSns();
  const audit: AuditEvent[] = [];
  const service = new OfficialSubscriptions(store, sns, { append: async (e) => audit.push(e) }, () => new Date('2026-11-25T01:00:00Z'));
  return { store, sns, audit, service };
};
const email = { subscriptionId: 'sub-00000001', protocol: 'email' as const, endpoint: 'kim@example.org' };

describe('an official’s subscriptions', () => {
  it('subscribes with the policy built from the token, never from the body', async () => {
    const { service, sns } = setup();
    await service.create(officer, { ...email, filter: { severity: ['critical'] } });
    expect(sns.subscribed[0]?.filterPolicy).toEqual({ region: ['11'], officerId: ['o-1', { exists: false }], severity: ['critical'] });
  });

  it('leaves nothing behind when SNS refuses', async () => {
    const { service, sns, store, audit } = setup();
    sns.down = true;
    expect(await service.create(officer, email)).toEqual({ unavailable: true });
    expect(store.items.size).toBe(0);
    expect(audit).toEqual([]);
  });

  it('finishes on a retry what a lost answer left half done, subscribing once', async () => {
    const { service, sns, store } = setup();
    await service.create(officer, email);
    // As if the first call had died between the record and SNS's answer.
    const [only] = store.items.values();
    store.items.set('o-1/sub-00000002', { ...(only as Subscription), subscriptionId: 'sub-00000002', subscriptionArn: undefined });
    const retried = await service.create(officer, { ...email, subscriptionId: 'sub-00000002' });
    expect(retried).toMatchObject({ created: { subscriptionArn: 'arn:2' }, replayed: false });
    const again = await service.create(officer, { ...email, subscriptionId: 'sub-00000002' });
    expect(again).toMatchObject({ replayed: true });
    expect(sns.subscribed).toHaveLength(2);
  });

  it('shows an e-mail subscription confirmed once SNS says so, lapsed once SNS dropped it, and as it was while SNS is down', async () => {
    const { service, sns } = setup();
    await service.create(officer, email);
    expect((await service.list(officer))[0]?.status).toBe('pending-confirmation');
    sns.down = true;
    expect((await service.list(officer))[0]?.status).toBe('pending-confirmation');
    sns.down = false;
    sns.confirmationIs = 'gone';
    expect((await service.list(officer))[0]?.status).toBe('lapsed');
  });

  it('keeps a subscription SNS could not remove, and says so', async () => {
    const { service, sns, store } = setup();
    await service.create(officer, email);
    sns.down = true;
    expect(await service.remove(officer, 'sub-00000001')).toEqual({ unavailable: true });
    expect(store.items.size).toBe(1);
  });

  it('audits who subscribed and unsubscribed what, with no endpoint', async () => {
    const { service, audit } = setup();
    await service.create(officer, email, 'req-1');
    await service.remove(officer, 'sub-00000001', 'req-2');
    expect(audit.map((e) => [e.action, e.subject.id, e.region, e.requestId])).toEqual([
      ['subscription.create', 'sub-00000001', '11', 'req-1'],
      ['subscription.delete', 'sub-00000001', '11', 'req-2'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('example.org');
  });
});
