import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ReceiverScenario } from '../runner/receiver-scenario.js';
import { RULE_IDS } from './rule-catalogue.js';
import {
  isReceiverRuleId,
  RECEIVER_RULES,
  RECEIVER_RULE_IDS,
  RECEIVER_SCENARIOS,
} from './receiver-rule-catalogue.js';

const SCENARIO_DIR = join(import.meta.dirname, '..', 'receiver-scenarios');
const scenarioFiles = readdirSync(SCENARIO_DIR).filter(
  (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
);

describe('the receiver rule catalogue', () => {
  it('lists every receiver scenario file once, and each file is named by the id of the rule it carries', async () => {
    const carried: string[] = [];
    for (const file of scenarioFiles) {
      const module = (await import(pathToFileURL(join(SCENARIO_DIR, file)).href)) as Record<string, unknown>;
      const scenarios = Object.values(module).filter(
        (value) => typeof value === 'object' && value !== null && 'run' in value,
      );
      expect(scenarios, file).toHaveLength(1);
      const [scenario] = scenarios as [ReceiverScenario];
      expect(scenario.id, file).toBe(basename(file, '.ts'));
      expect(RECEIVER_SCENARIOS[scenario.id as keyof typeof RECEIVER_SCENARIOS], file).toBe(scenario);
      carried.push(scenario.id);
    }
    expect([...RECEIVER_RULE_IDS].sort()).toEqual(carried.sort());
  });

  it('reads the rules from the scenarios, in the order of DESIGN.md §9, fast-ack alone recommended', () => {
    expect(RECEIVER_RULE_IDS).toEqual([
      'accepts-signed-event',
      'rejects-bad-signature',
      'verifies-raw-bytes',
      'idempotent-delivery',
      'order-safe',
      'null-data',
      'fast-ack',
      'survives-retry-schedule',
    ]);
    for (const rule of RECEIVER_RULES) {
      expect(rule.statement).not.toBe('');
      expect(rule.judged).not.toBe('');
    }
    expect(RECEIVER_RULES.filter((rule) => rule.level === 'recommended').map((rule) => rule.id)).toEqual([
      'fast-ack',
    ]);
  });

  it('shares no id with the client rules, so --rules is never ambiguous', () => {
    expect(RECEIVER_RULE_IDS.filter((id) => (RULE_IDS as readonly string[]).includes(id))).toEqual([]);
    expect(isReceiverRuleId('order-safe')).toBe(true);
    expect(isReceiverRuleId('token-reuse')).toBe(false);
  });
});
