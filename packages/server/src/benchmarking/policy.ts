import type { Actor } from '../auth/actor.ts';
import { AppError } from '../http/errors.ts';
import { can, covers, isBelow } from '../access/index.ts';

/** Who may do what in a unit's benchmarking exercise (the unit and its measures are already in scope). */
export const benchmarkPolicy = {
  /** The unit's own cadres, or a level above, choose exemplars and write, close and delete measures. */
  write: (actor: Actor, unit: { path: string }) => can(actor, 'benchmark.write') && covers(actor, unit.path),
  /**
   * 督促检查: the supervising side is strictly above the unit, with a role that runs the exercise
   * (benchmark.write) or inspects (inspection.write) there; it comments and sends closed measures back.
   */
  supervise: (actor: Actor, unit: { path: string }) => (can(actor, 'benchmark.write') || can(actor, 'inspection.write')) && isBelow(actor, unit.path),
};

export const supervisorOnly = () =>
  new AppError(403, 'MEASURE_SUPERVISOR_ONLY', { zh: '由上级组织督促检查', en: 'Only an organization above the unit supervises its measures' });
