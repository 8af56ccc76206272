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
// Webhook receiver certification (DESIGN.md §8-9).
export {
  runReceiverCertification,
  startReceiverHarness,
  receiverHandshake,
  type ReceiverSpec,
  type ReceiverCertifyOptions,
  type ReceiverCertificationRun,
  type ReceiverHarness,
} from './runner/run-receiver-certification.js';
export { checkReceiver, type ReceiverCheck } from './runner/check-receiver.js';
export { receiverProfile, receiverMargins, type ReceiverProfile } from './runner/receiver-profile.js';
export { defineReceiverScenario, type ReceiverScenario } from './runner/receiver-scenario.js';
export {
  RECEIVER_RULES,
  RECEIVER_RULE_IDS,
  RECEIVER_SCENARIOS,
  isReceiverRuleId,
  type ReceiverRuleId,
} from './rules/receiver-rule-catalogue.js';
export type {
  ReceiverEnvironment,
  ReceiverSession,
  ReceiverLauncher,
  DeliveryTarget,
  StateOutcome,
} from './adapters/receiver-session.js';
export type { ReceiverInfo, AppliedMessage, ReceiverState } from './adapters/receiver-protocol-messages.js';
export { receiverStdioLauncher, type ReceiverStdioOptions } from './adapters/receiver-stdio-adapter.js';
export {
  receiverModuleLauncher,
  type CreateReceiver,
  type ModuleReceiver,
  type ReceiverModuleEnvironment,
  type ReceiverModuleOptions,
} from './adapters/receiver-module-adapter.js';
export type * from './report/receiver-report-types.js';
export { isReceiverReport, isReceiverResult } from './report/receiver-report-types.js';
