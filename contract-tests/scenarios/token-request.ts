import { failed, passed, ScenarioError } from '../steps/judgement.js';
import { tokenRequestProblems } from '../steps/token-request-problems.js';
import { defineScenario } from '../runner/scenario.js';

/** token-request: how the client asks for a token. */
export const tokenRequest = defineScenario({
  id: 'token-request',
  level: 'required',
  statement:
    'Tokens are requested by POST with grant_type=client_credentials, a form content type, and the credentials in the body or HTTP Basic, never in the URL.',
  judged:
    'Every token request the mock recorded for the scenario client is checked for method, grant_type, content type, how the client authenticated, and query parameters.',
  async run(s) {
    await s.start();
    await s.call();
    await s.call();
    const seen = s.observe();
    if (seen.tokens.length === 0) throw new ScenarioError('the client made no token request');
    const wrong = seen.tokens.filter((token) => tokenRequestProblems(token).length > 0);
    const evidence = seen.tokens.map((token) => {
      const problems = tokenRequestProblems(token);
      const line = seen.tokenEvidence(token);
      return problems.length === 0 ? line : { ...line, text: `${line.text}; WRONG: ${problems.join('; ')}` };
    });
    if (wrong.length > 0) {
      const first = wrong[0] as (typeof wrong)[number];
      return failed(
        `${wrong.length} of ${seen.tokens.length} token requests broke the rule: ${tokenRequestProblems(first).join('; ')}.`,
        evidence,
      );
    }
    const methods = [...new Set(seen.tokens.map((token) => token.authMethod))].join(', ');
    return passed(
      `${seen.tokens.length} token request(s), each a form POST with grant_type=client_credentials and ${methods}.`,
      evidence,
    );
  },
});
