import { AuditRepository } from '../../shared/data/audit-repository.ts';
import { CredentialsRepository } from '../../shared/data/credentials-repository.ts';
import { EnrollmentCodesRepository } from '../../shared/data/enrollment-codes-repository.ts';
import { QuarantineCasesRepository } from '../../shared/data/quarantine-cases-repository.ts';
import type { Refused } from '../../shared/quarantine/quarantine-cases.ts';
import { forbidden, HttpProblem, notFound } from '../../shared/http/problem.ts';
import { auditActorOf } from '../../shared/officials/official.ts';
import { personalData } from '../../shared/personal-data.ts';
import { Credentials } from '../../shared/platform/credentials.ts';
import { quarantineConfig } from '../../shared/quarantine/quarantine-config.ts';
import { CaseReader, QuarantineCases } from '../../shared/quarantine/quarantine-cases.ts';
import { secrets } from '../../shared/secrets.ts';

/**
 * The check-in app's address, for the enrolment link: the console's own origin (browsers send it with
 * every POST), else the address the request came to. The code goes in the fragment, which browsers
 * never send to a server and proxies never log.
 */
export const checkinAppBase = (headers: Readonly<Record<string, string | undefined>>): string => {
  const origin = headers['origin'];
  if (origin && /^https?:\/\/[A-Za-z0-9.:-]+$/.test(origin)) return `${origin}/checkin/`;
  const proto = headers['x-forwarded-proto'] === 'http' || headers['host']?.startsWith('127.0.0.1') || headers['host']?.startsWith('localhost') ? 'http' : 'https';
  return `${proto}://${headers['host'] ?? 'localhost'}/checkin/`;
};

/** The officials' case service wired to its tables, the personal-data key and the audit trail, once per container. */
export const caseService = (): QuarantineCases =>
  new QuarantineCases({
    cases: new QuarantineCasesRepository(),
    codes: new EnrollmentCodesRepository(),
    tokens: new Credentials(new CredentialsRepository(), () => secrets.get('id-pepper')),
    cipher: personalData,
    audit: new AuditRepository(),
    // Loaded when a home comes as an address only: the other case routes have no place index to name.
    geocode: async (address) => (await import('../../shared/geocoder.ts')).geocoder.locate(address),
    pepper: () => secrets.get('id-pepper'),
    config: quarantineConfig,
    actorOf: auditActorOf,
  });

/** Reads only: the cases table, the personal-data key to decrypt, the audit trail. */
export const caseReader = () => new CaseReader({ cases: new QuarantineCasesRepository(), cipher: personalData, audit: new AuditRepository(), actorOf: auditActorOf });

/** A refusal as the API answers it. */
export const refusalToProblem = (refused: Refused): HttpProblem => {
  switch (refused.kind) {
    case 'invalid':
      // Well-formed but not acceptable (a fence that crosses itself, 40 days, an address with no geocoder): 422.
      return new HttpProblem({
        type: 'unprocessable',
        title: 'The request cannot be carried out as it is',
        status: 422,
        detail: refused.problems.map((p) => `${p.field}: ${p.message}`).join('; '),
        errors: refused.problems,
      });
    case 'forbidden':
      return forbidden(refused.detail);
    case 'not-found':
      return notFound('There is no such case.');
    case 'conflict':
      return new HttpProblem({ type: 'conflict', title: 'The request conflicts with the current state', status: 409, detail: refused.detail });
  }
};

export const NO_STORE = { 'cache-control': 'private, no-store' } as const;
