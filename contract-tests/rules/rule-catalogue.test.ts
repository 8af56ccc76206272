import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../runner/scenario.js';
import { RULES, RULE_IDS, SCENARIOS, isRuleId, ruleById } from './rule-catalogue.js';

const SCENARIO_DIR = join(import.meta.dirname, '..', 'scenarios');
const scenarioFiles = readdirSync(SCENARIO_DIR).filter(
  (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
);

describe('the rule catalogue', () => {
  it('lists every scenario file once, and each file is named by the id of the rule it carries', async () => {
    const carried: string[] = [];
    for (const file of scenarioFiles) {
      const module = (await import(pathToFileURL(join(SCENARIO_DIR, file)).href)) as Record<string, unknown>;
      const scenarios = Object.values(module).filter(
        (value) => typeof value === 'object' && value !== null && 'run' in value,
      );
      expect(scenarios, file).toHaveLength(1);
      const [scenario] = scenarios as [Scenario];
      expect(scenario.id, file).toBe(basename(file, '.ts'));
      expect(SCENARIOS[scenario.id as keyof typeof SCENARIOS], file).toBe(scenario);
      carried.push(scenario.id);
    }
    expect([...RULE_IDS].sort()).toEqual(carried.sort());
  });

  it('reads the rules from the scenarios, in the order of DESIGN.md §6', () => {
    expect(RULE_IDS).toEqual([
      'token-request',
      'bearer-header',
      'token-reuse',
      'no-expired-token',
      'proactive-refresh',
      'retry-after-401',
      'bounded-retry',
      'invalid-client',
      'single-flight',
      'token-endpoint-outage',
      'honours-expires-in',
    ]);
    for (const rule of RULES) {
      const scenario = SCENARIOS[rule.id];
      expect(rule).toEqual({
        id: scenario.id,
        level: scenario.level,
        statement: scenario.statement,
        judged: scenario.judged,
      });
      expect(rule.statement).not.toBe('');
    }
    expect(RULES.filter((rule) => rule.level === 'recommended').map((rule) => rule.id)).toEqual([
      'single-flight',
      'token-endpoint-outage',
    ]);
  });

  it('knows its ids and refuses others', () => {
    expect(isRuleId('retry-after-401')).toBe(true);
    expect(isRuleId('retry-after-403')).toBe(false);
    expect(ruleById('bounded-retry').level).toBe('required');
    expect(() => ruleById('nope')).toThrow(RangeError);
  });
});
