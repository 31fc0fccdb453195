import { alertConfig } from './alerts/alert-config.ts';
import { AlertRaiser, type RaiseInput, type RaiseOutcome } from './alerts/raise-alert.ts';
import { SignatureRejections } from './alerts/signature-rejections.ts';
import { DeadlineDeclines } from './alerts/deadline-declines.ts';
import { AlertsRepository } from './data/alerts-repository.ts';
import { RejectionCountersRepository } from './data/rejection-counters-repository.ts';
import { logger } from './observability.ts';

let raiser: AlertRaiser | undefined;

/**
 * The one way any context raises an alert (masks, quarantine, relief, the platform): one unresolved
 * alert per subject and type, written to the outbox and published from there. The function that calls
 * it declares `alerts: 'read-write'` in the manifest.
 */
export const raiseAlert = (input: RaiseInput): Promise<RaiseOutcome> =>
  (raiser ??= new AlertRaiser(new AlertsRepository(), alertConfig)).raise(input);

let rejections: SignatureRejections | undefined;

/**
 * Counts a known partner's rejected webhook signature, and raises `SIGNATURE_REJECTIONS` when a minute
 * has too many. Never fails the request it is called from: the caller answers 401 whatever happens
 * here. A function with a `partner-signature` route declares `PARTNER_SIGNATURE_USES` (manifest).
 */
export const recordSignatureRejection = async (partnerId: string): Promise<void> => {
  try {
    rejections ??= new SignatureRejections(new RejectionCountersRepository(), raiseAlert, alertConfig.signatureRejections);
    await rejections.record(partnerId);
  } catch (error) {
    logger.error('a rejected signature was not counted', { error, partnerId });
  }
};

let deadlines: DeadlineDeclines | undefined;

/**
 * Counts a relief authorization declined for its `respondBy`, and raises `DEADLINE_DECLINES` when one
 * card company has too many in a minute. Never fails the decline it is called from.
 */
export const recordDeadlineDecline = async (partnerId: string): Promise<void> => {
  try {
    deadlines ??= new DeadlineDeclines(new RejectionCountersRepository('deadline-declines'), raiseAlert, alertConfig.deadlineDeclines);
    await deadlines.record(partnerId);
  } catch (error) {
    logger.error('a deadline decline was not counted', { error, partnerId });
  }
};
