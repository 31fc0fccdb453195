import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit/audit-trail.ts';
import type { Official } from '../../../shared/auth/principal.ts';
import type { DirectoryOfficial } from '../../../shared/officials/official.ts';
import { OfficialsAdministration, type OfficialsDirectory } from '../../../shared/officials/officials-administration.ts';
import { AccountExistsError, AccountsBusyError, type OfficialAccount, type OfficialAccounts } from '../../../shared/ports/official-accounts.ts';

/** The directory as a map, with the same answers as the DynamoDB repository. */
class MemoryDirectory implements OfficialsDirectory {
  readonly officials = new Map<string, { official: DirectoryOfficial; fingerprint: string }>();

  async get(officerId: string) {
    return this.officials.get(officerId)?.official;
  }
  async create(official: DirectoryOfficial, fingerprint: string) {
    const existing = this.officials.get(official.officerId);
    if (existing) return { kind: 'officer-id-taken' as const, existing: existing.official, fingerprint: existing.fingerprint };
    if ([...this.officials.values()].some(({ official: o }) => o.email === official.email)) return { kind: 'email-taken' as const };
    this.officials.set(official.officerId, { official, fingerprint });
    return { kind: 'created' as const };
  }
  async remove(official: Pick<DirectoryOfficial, 'officerId'>) {
    this.officials.delete(official.officerId);
  }
  async setEnabled(officerId: string, enabled: boolean, change: { at: string; by: string }) {
    const known = this.officials.get(officerId);
    if (!known) return undefined;
    const { disabledAt: _at, disabledBy: _by, ...rest } = known.official;
    const official: DirectoryOfficial = enabled
      ? { ...rest, enabled }
      : { ...rest, enabled, disabledAt: known.official.disabledAt ?? change.at, disabledBy: known.official.disabledBy ?? change.by };
    this.officials.set(officerId, { ...known, official });
    return official;
  }
}

/** Records what was asked of the account service; `failing` makes the next call of that kind throw. */
class RecordingAccounts implements OfficialAccounts {
  readonly calls: string[] = [];
  failing: Partial<Record<'create' | 'disable' | 'enable', Error>> = {};
  #call(kind: 'create' | 'disable' | 'enable', account: OfficialAccount) {
    this.calls.push(`${kind} ${account.email}`);
    const error = this.failing[kind];
    if (error) {
      delete this.failing[kind];
      throw error;
    }
  }
  async create(account: OfficialAccount) {
    this.#call('create', account);
  }
  async disable(account: OfficialAccount) {
    this.#call('disable', account);
  }
  async enable(account: OfficialAccount) {
    this.#call('enable', account);
  }
}

const seoulAdmin: Official = { kind: 'official', officerId: 'admin-0001', role: 'admin', region: '11' };
const request = { officerId: 'officer-new-1', name: '  홍길동 ', email: 'Gildong@Example.org', role: 'officer' as const, region: '11' };

let directory: MemoryDirectory;
let accounts: RecordingAccounts;
let audit: AuditEvent[];
let administration: OfficialsAdministration;

beforeEach(() => {
  directory = new MemoryDirectory();
  accounts = new RecordingAccounts();
  audit = [];
  administration = new OfficialsAdministration({ directory, accounts, audit: { append: async (event) => audit.push(event) }, now: () => new Date('2026-12-02T01:00:00.000Z') });
});

describe('creating an official', () => {
  it('writes the directory and the account, and audits it without the name or e-mail', async () => {
    const outcome = await administration.create(seoulAdmin, request, 'req-1');
    expect(outcome).toMatchObject({ kind: 'created', official: { officerId: 'officer-new-1', name: '홍길동', email: 'gildong@example.org', enabled: true, createdBy: 'admin-0001' } });
    expect(accounts.calls).toEqual(['create gildong@example.org']);
    expect(audit).toEqual([
      {
        actor: { kind: 'official', officerId: 'admin-0001', role: 'admin', region: '11' },
        action: 'official.create',
        subject: { kind: 'official', id: 'officer-new-1' },
        region: '11',
        at: '2026-12-02T01:00:00.000Z',
        requestId: 'req-1',
        note: 'role officer',
      },
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/홍길동|gildong/i);
  });

  it('takes the directory entry back out when the account service is busy, so the same request can be sent again', async () => {
    accounts.failing.create = new AccountsBusyError('throttled');
    expect(await administration.create(seoulAdmin, request, 'req-1')).toEqual({ kind: 'accounts-busy' });
    expect(directory.officials.size).toBe(0);
    expect(audit).toEqual([]);
    expect((await administration.create(seoulAdmin, request, 'req-2')).kind).toBe('created');
  });

  it('takes the entry back out when the user pool already has an account with the address', async () => {
    accounts.failing.create = new AccountExistsError('exists');
    expect(await administration.create(seoulAdmin, request, 'req-1')).toEqual({ kind: 'account-exists' });
    expect(directory.officials.size).toBe(0);
  });

  it('answers a repeat with the first official and makes no second account', async () => {
    const first = await administration.create(seoulAdmin, request, 'req-1');
    const again = await administration.create(seoulAdmin, { ...request, email: 'GILDONG@example.org' }, 'req-2');
    expect(again).toEqual(first);
    expect(accounts.calls).toHaveLength(1);
    expect(await administration.create(seoulAdmin, { ...request, role: 'admin' }, 'req-3')).toEqual({ kind: 'officer-id-reused' });
  });

  it('refuses before touching anything when the policy does', async () => {
    expect(await administration.create(seoulAdmin, { ...request, region: '27' }, 'req-1')).toEqual({ kind: 'refused', refusal: 'other-region' });
    expect(directory.officials.size + accounts.calls.length + audit.length).toBe(0);
  });
});

describe('disabling and enabling', () => {
  beforeEach(async () => {
    await administration.create(seoulAdmin, request, 'req-0');
    audit.length = 0;
    accounts.calls.length = 0;
  });

  it('leaves the official refused when the account service fails half-way through a disable', async () => {
    accounts.failing.disable = new AccountsBusyError('throttled');
    expect(await administration.changeStatus(seoulAdmin, 'officer-new-1', 'disable', 'req-1')).toEqual({ kind: 'accounts-busy' });
    expect((await directory.get('officer-new-1'))?.enabled).toBe(false);
    // The retry finishes the account's part.
    expect((await administration.changeStatus(seoulAdmin, 'officer-new-1', 'disable', 'req-2')).kind).toBe('changed');
    expect(accounts.calls).toEqual(['disable gildong@example.org', 'disable gildong@example.org']);
  });

  it('lets no one in when the account service fails during an enable', async () => {
    await administration.changeStatus(seoulAdmin, 'officer-new-1', 'disable', 'req-1');
    accounts.failing.enable = new AccountsBusyError('throttled');
    expect(await administration.changeStatus(seoulAdmin, 'officer-new-1', 'enable', 'req-2')).toEqual({ kind: 'accounts-busy' });
    expect((await directory.get('officer-new-1'))?.enabled).toBe(false);
  });

  it('audits each change, and says so when nothing changed', async () => {
    await administration.changeStatus(seoulAdmin, 'officer-new-1', 'disable', 'req-1');
    await administration.changeStatus(seoulAdmin, 'officer-new-1', 'disable', 'req-2');
    await administration.changeStatus(seoulAdmin, 'officer-new-1', 'enable', 'req-3');
    expect(audit.map(({ action, note, requestId }) => ({ action, note, requestId }))).toEqual([
      { action: 'official.disable', note: undefined, requestId: 'req-1' },
      { action: 'official.disable', note: 'already disabled', requestId: 'req-2' },
      { action: 'official.enable', note: undefined, requestId: 'req-3' },
    ]);
  });

  it('changes nothing for another region’s admin or an unknown official', async () => {
    const daeguAdmin: Official = { kind: 'official', officerId: 'admin-daegu-01', role: 'admin', region: '27' };
    expect(await administration.changeStatus(daeguAdmin, 'officer-new-1', 'disable', 'req-1')).toEqual({ kind: 'refused', refusal: 'other-region' });
    expect(await administration.changeStatus(seoulAdmin, 'nobody', 'disable', 'req-2')).toEqual({ kind: 'not-found' });
    expect((await directory.get('officer-new-1'))?.enabled).toBe(true);
    expect(accounts.calls.length + audit.length).toBe(0);
  });
});
