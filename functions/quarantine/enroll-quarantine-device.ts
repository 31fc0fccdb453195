import { CredentialsRepository } from '../../shared/data/credentials-repository.ts';
import { EnrollmentCodesRepository } from '../../shared/data/enrollment-codes-repository.ts';
import { QuarantineCasesRepository } from '../../shared/data/quarantine-cases-repository.ts';
import { clientAddress } from '../../shared/http/client-address.ts';
import { HttpProblem, validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { Credentials } from '../../shared/platform/credentials.ts';
import { enrollQuarantineDevice } from '../../shared/quarantine/contracts.ts';
import { DeviceEnrollment } from '../../shared/quarantine/device-enrollment.ts';
import { quarantineConfig } from '../../shared/quarantine/quarantine-config.ts';
import { secrets } from '../../shared/secrets.ts';

const credentials = new Credentials(new CredentialsRepository(), () => secrets.get('id-pepper'));
const enrollment = new DeviceEnrollment(
  new EnrollmentCodesRepository(),
  new QuarantineCasesRepository(),
  (caseId) => credentials.issue('device', caseId),
  () => secrets.get('id-pepper'),
  quarantineConfig,
);

/** Said only to whoever holds the whole code; anyone else is told the code is wrong. */
const REFUSALS = {
  'wrong-code': [400, 'enrollment-code-invalid', 'This code is not right. Check it with your case officer, or type it again.'],
  expired: [410, 'enrollment-code-expired', 'This code has expired (codes work for 48 hours). Ask your case officer for a new one.'],
  used: [410, 'enrollment-code-used', 'This code was already used to enrol a phone. If you changed phones, ask your case officer for a new code.'],
  superseded: [410, 'enrollment-code-superseded', 'Your case officer issued a newer code; use that one.'],
  ended: [410, 'case-ended', 'This quarantine has ended; the app is no longer needed.'],
} as const;

export const handler = httpRoute(enrollQuarantineDevice, async ({ body, headers, sourceIp }) => {
  const outcome = await enrollment.enrol(body.enrollmentCode, clientAddress(headers, sourceIp));
  switch (outcome.kind) {
    case 'enrolled':
      return json(outcome.body, 201, { 'cache-control': 'no-store' });
    case 'malformed':
      throw validationFailed([{ field: 'body.enrollmentCode', message: outcome.message }]);
    case 'too-many-attempts':
      throw new HttpProblem(
        { type: 'too-many-attempts', title: 'Too many attempts', status: 429, detail: `Too many wrong codes. Try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} minutes.` },
        { 'retry-after': String(outcome.retryAfterSeconds) },
      );
    case 'refused': {
      const [status, type, detail] = REFUSALS[outcome.reason];
      throw new HttpProblem({ type, title: 'The code does not enrol this phone', status, detail });
    }
  }
});
