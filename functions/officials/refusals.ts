import type { Official } from '../../shared/auth/principal.ts';
import { forbidden, HttpProblem } from '../../shared/http/problem.ts';
import type { Refusal } from '../../shared/officials/official-policy.ts';

/** The officials context's refusals as problems: the policy says why, the HTTP edge says it to a person. */
export const refusalProblem = (refusal: Refusal, actor: Official): HttpProblem => {
  switch (refusal) {
    case 'not-an-admin':
      return forbidden('Only administrators may do this.');
    case 'other-region':
      return forbidden(`That is outside your region ${actor.region}; only a national administrator acts in every region.`);
    case 'role-above-yours':
      return forbidden('Only a national administrator creates, disables or enables national administrators.');
    case 'yourself':
      return forbidden('You cannot disable or enable your own account; ask another administrator.');
  }
};

/** The user pool throttled or failed for a moment: nothing is left half-done, so the client may simply retry. */
export const accountsBusy = (): HttpProblem =>
  new HttpProblem(
    { type: 'busy', title: 'The service is busy', status: 503, detail: 'The sign-in service is busy. Nothing was changed; try again in a few seconds.' },
    { 'retry-after': '2' },
  );

export const NO_STORE = { 'cache-control': 'private, no-store' } as const;
