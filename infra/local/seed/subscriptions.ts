import type { Official } from '../../../shared/auth/principal.ts';
import { DEMO_OFFICIALS } from './officials.ts';
import type { Seeder } from './seeder.ts';

/**
 * Every demo official gets an e-mail subscription to `<officerId>@example.org`, as if they had followed
 * its confirmation link; officers also get high and critical alerts by SMS on a fictional number
 * (`+8210555` and a serial: 555 numbers are not handed out). Ids are fixed per official, so a restart
 * replays them instead of subscribing again.
 */
export const subscriptionsSeeder: Seeder = {
  name: 'subscriptions',
  async seed({ progress }) {
    const [{ OfficialSubscriptions }, { SubscriptionsRepository }, { AuditRepository }, { notifier }, { config }, { LocalTopicSubscriptions }] = await Promise.all([
      import('../../../shared/alerts/official-subscriptions.ts'),
      import('../../../shared/data/subscriptions-repository.ts'),
      import('../../../shared/data/audit-repository.ts'),
      import('../../../shared/notifier.ts'),
      import('../../../shared/config.ts'),
      import('../../../shared/adapters/local-topic-subscriptions.ts'),
    ]);
    const service = new OfficialSubscriptions(new SubscriptionsRepository(), notifier, new AuditRepository());
    const topic = new LocalTopicSubscriptions(config.snsSubscriptionsFile as string);
    let made = 0;
    for (const [index, demo] of DEMO_OFFICIALS.entries()) {
      const official: Official = { kind: 'official', ...demo };
      const wanted = [
        { subscriptionId: `demo-${demo.officerId}-email`, protocol: 'email' as const, endpoint: `${demo.officerId}@example.org` },
        ...(demo.role === 'officer'
          ? [{ subscriptionId: `demo-${demo.officerId}-sms`, protocol: 'sms' as const, endpoint: `+8210555${String(1000 + index)}`, filter: { severity: ['high' as const, 'critical' as const] } }]
          : []),
      ];
      for (const subscription of wanted) {
        const outcome = await service.create(official, subscription, 'demo-seed');
        if (!('created' in outcome)) throw new Error(`demo subscription ${subscription.subscriptionId} refused: ${JSON.stringify(outcome)}`);
        if (!outcome.replayed) made++;
        const { subscriptionArn } = outcome.created;
        const token = subscriptionArn ? (await topic.find(subscriptionArn))?.confirmToken : undefined;
        if (token) await topic.confirm(token);
      }
    }
    progress(`demo subscriptions: ${made} new`);
  },
};
