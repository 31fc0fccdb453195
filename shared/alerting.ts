import { alertConfig } from './alerts/alert-config.ts';
import { AlertRaiser, type RaiseInput, type RaiseOutcome } from './alerts/raise-alert.ts';
import { AlertsRepository } from './data/alerts-repository.ts';

let raiser: AlertRaiser | undefined;

/**
 * The one way any context raises an alert (masks, quarantine, relief, the platform): one unresolved
 * alert per subject and type, written to the outbox and published from there. The function that calls
 * it declares `alerts: 'read-write'` in the manifest.
 */
export const raiseAlert = (input: RaiseInput): Promise<RaiseOutcome> =>
  (raiser ??= new AlertRaiser(new AlertsRepository(), alertConfig)).raise(input);
