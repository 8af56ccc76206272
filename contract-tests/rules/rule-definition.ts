import type { RuleLevel } from '../report/report-types.js';

/** One contract rule: what a client must do, and how the kit tells from the mock's recordings. */
export interface RuleDefinition<Id extends string = string> {
  /** The rule id, e.g. `proactive-refresh`; also the name of the scenario file that judges it. */
  readonly id: Id;
  /** Required rules fail certification; recommended ones only warn. */
  readonly level: RuleLevel;
  /** The rule in one sentence. */
  readonly statement: string;
  /** How the verdict is reached from the recorded traffic. */
  readonly judged: string;
}
