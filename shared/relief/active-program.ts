import { koreanDate } from '../masks/korean-time.ts';
import { reliefProgramSchema, type ReliefProgram } from './relief-program.ts';

/** The programs a deployment may run: the 2020 grant as it was, or a demo of its rules open today. */
export const RELIEF_PROGRAM_NAMES = ['relief-2020', 'demo'] as const;
export type ReliefProgramName = (typeof RELIEF_PROGRAM_NAMES)[number];

const DAY_MS = 86_400_000;
const dayAfter = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const daysFrom = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * The 2020 rules, moved so that a new user can apply and spend today: applications opened 20 days ago
 * and close in 40, points can be spent for 100 days from the opening. The first week's birth-year
 * rotation moves with the opening, so it is long over today but still judges the demo's past (the
 * seeded history of npm start). Named after its opening day, so nobody mistakes it for the real program.
 */
export const demoProgram = (of2020: ReliefProgram, now: Date): ReliefProgram => {
  const today = koreanDate(now);
  const opens = dayAfter(today, -20);
  const { birthYearWeekdayUntil: rotationUntil, ...application } = of2020.application;
  return reliefProgramSchema.parse({
    ...of2020,
    name: `demo-relief-${opens}`,
    description: `A demo on the rules of May 2020, opened ${opens}: ${of2020.description}`,
    registerDate: dayAfter(opens, -43),
    application: {
      ...application,
      opens,
      closes: dayAfter(today, 40),
      ...(rotationUntil ? { birthYearWeekdayUntil: dayAfter(opens, daysFrom(application.opens, rotationUntil)) } : {}),
    },
    spending: { until: dayAfter(opens, 100) },
  });
};

/** The program a deployment runs (`RELIEF_PROGRAM`), as of the function's start. */
export const activeProgram = (name: ReliefProgramName, of2020: ReliefProgram, now: Date): ReliefProgram =>
  name === 'demo' ? demoProgram(of2020, now) : of2020;

/**
 * The time the relief rules are judged at. Normally now; with `RELIEF_AS_OF` (an instant) the clock
 * starts there when the function starts and runs on, so the 2020 program can be replayed as it ran.
 */
export const reliefClock = (asOf: string | undefined, started: number = Date.now()): (() => Date) =>
  asOf ? () => new Date(Date.parse(asOf) + (Date.now() - started)) : () => new Date();
