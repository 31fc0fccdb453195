import file from '../../config/relief-2020.json' with { type: 'json' };
import { config } from '../config.ts';
import { activeProgram, reliefClock } from './active-program.ts';
import { reliefProgramSchema } from './relief-program.ts';

/** The 2020 program, checked at init: a bad file fails the function's start. */
export const relief2020 = reliefProgramSchema.parse(file);

/** The clock the relief rules are judged at (`RELIEF_AS_OF` replays 2020). */
export const reliefNow = reliefClock(config.reliefAsOf);

/** The program this deployment runs (`RELIEF_PROGRAM`: `relief-2020` on AWS by default, `demo` for `npm start`). */
export const reliefProgram = activeProgram(config.reliefProgram, relief2020, reliefNow());
