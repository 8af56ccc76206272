export {
  runCertification,
  startHarness,
  handshake,
  type AdapterSpec,
  type CertifyOptions,
  type CertificationRun,
  type KitSources,
} from './runner/run-certification.js';
export { checkAdapter, type AdapterCheck } from './runner/check-adapter.js';
export {
  PROFILES,
  resolveProfile,
  profileMargins,
  type CertificationProfile,
  type ProfileOverrides,
} from './runner/certification-profile.js';
export { defineScenario, type Scenario } from './runner/scenario.js';
export {
  RULES,
  RULE_IDS,
  SCENARIOS,
  ruleById,
  isRuleId,
  type RuleDefinition,
  type RuleId,
} from './rules/rule-catalogue.js';
export { AdapterError, type AdapterErrorCode } from './adapters/adapter-error.js';
export type {
  AdapterCall,
  AdapterResult,
  AdapterEnvironment,
  AdapterSession,
  AdapterLauncher,
  CallOutcome,
} from './adapters/adapter-session.js';
export { stdioAdapterLauncher, type StdioAdapterOptions } from './adapters/stdio-adapter.js';
export {
  moduleAdapterLauncher,
  loadAdapterModule,
  type CreateAdapter,
  type ModuleAdapter,
  type ModuleAdapterEnvironment,
  type ModuleAdapterOptions,
} from './adapters/module-adapter.js';
export { renderJsonReport } from './report/json-report.js';
export { renderJunitReport } from './report/junit-report.js';
export { renderHtmlReport } from './report/html-report.js';
export { renderSummaryTable } from './report/summary-table.js';
export type * from './report/report-types.js';
export { runCertify } from './cli/certify-command.js';
