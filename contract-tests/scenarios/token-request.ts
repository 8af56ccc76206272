import { failed, passed, ScenarioError } from '../steps/judgement.js';
import { tokenRequestProblems } from '../steps/token-request-problems.js';
import type { Scenario } from '../runner/scenario.js';

/** token-request: how the client asks for a token. */
export const tokenRequest: Scenario = {
  rule: 'token-request',
  async run(s) {
    await s.start();
    await s.call();
    await s.call();
    const seen = s.observe();
    if (seen.tokens.length === 0) throw new ScenarioError('the client made no token request');
    const wrong = seen.tokens.filter((token) => tokenRequestProblems(token.recording).length > 0);
    const evidence = seen.tokens.map((token) => {
      const problems = tokenRequestProblems(token.recording);
      const line = seen.tokenEvidence(token);
      return problems.length === 0 ? line : { ...line, text: `${line.text}; WRONG: ${problems.join('; ')}` };
    });
    if (wrong.length > 0) {
      const first = wrong[0] as (typeof wrong)[number];
      return failed(
        `${wrong.length} of ${seen.tokens.length} token requests broke the rule: ${tokenRequestProblems(first.recording).join('; ')}.`,
        evidence,
      );
    }
    const methods = [...new Set(seen.tokens.map((token) => token.recording.auth_method))].join(', ');
    return passed(
      `${seen.tokens.length} token request(s), each a form POST with grant_type=client_credentials and ${methods}.`,
      evidence,
    );
  },
};
