import { failed, passed, skipped } from '../steps/judgement.js';
import { modelView } from '../steps/refresh-findings.js';
import { predictRefresh } from '../steps/refresh-model.js';
import { defineScenario } from '../runner/scenario.js';
import { VECTORCARE_LIFETIME_S } from '../runner/certification-profile.js';

/** token-reuse: a token serves many calls; judged from the refresh model, at VectorCare's 3600 s. */
export const tokenReuse = defineScenario({
  id: 'token-reuse',
  level: 'required',
  statement: 'A token serves many calls: the client does not request a new token for every call.',
  judged:
    "From the refresh model (the client's refresh located at two or more lifetimes, each with a fresh client): the rule fails when the client fetched a new token for every call at every lifetime tried, or when its model (a margin as long as the lifetime) makes it do so at VectorCare's 3600 s. The timeline is the measurement at the run's lifetime.",
  usesRefreshModel: true,
  async run(s) {
    const measurement = await s.refreshModel();
    const view = modelView(measurement, s.lifetimeS);
    if (!('model' in view)) return view;
    const { model, basis, evidence, tried } = view;
    if (model.class === 'refused')
      return skipped(
        "The hub refused the client's calls at its bearer check, so its tokens cannot be followed.",
        {
          caughtBy: 'bearer-header',
          evidence,
          basis,
        },
      );
    if (model.class === 'every-call')
      return failed(
        `The client requested a new token for every call, at every lifetime tried (${tried}).`,
        evidence,
        { basis },
      );
    const at3600 = predictRefresh(model, VECTORCARE_LIFETIME_S * 1000);
    if (at3600.kind === 'every-call')
      return failed(
        `At VectorCare's ${VECTORCARE_LIFETIME_S} s the client would request a new token for every call: its refresh model is ${model.description}.`,
        evidence,
        { basis },
      );
    return passed(
      `The client kept each token for many calls (${view.points}); refresh model: ${model.description}.`,
      evidence,
      { basis },
    );
  },
});
