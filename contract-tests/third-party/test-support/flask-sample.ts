import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../../shared/package-root.js';
import type { Verdict } from '../../report/report-types.js';
import type { ReceiverRuleId } from '../../rules/receiver-rule-catalogue.js';

/** VectorCare's documented Flask receiver behind its thin adapter, run by Debian's Python. */
export const FLASK_SAMPLE_COMMAND = `/usr/bin/python3 ${join(
  PACKAGE_ROOT,
  'fixtures',
  'receivers',
  'third-party',
  'vectorcare-flask-sample',
  'adapter.py',
)}`;

/**
 * The verdicts predicted from the sample's lines before it was first run (docs/compatibility.md, "Predicted
 * from the code"). Both profiles must give exactly these: nothing in the reasoning depends on the schedule.
 */
export const FLASK_SAMPLE_PREDICTED: Readonly<Record<ReceiverRuleId, Verdict>> = {
  'accepts-signed-event': 'PASS',
  'rejects-bad-signature': 'PASS',
  'verifies-raw-bytes': 'PASS',
  'idempotent-delivery': 'FAIL',
  'order-safe': 'FAIL',
  'null-data': 'PASS',
  'fast-ack': 'PASS',
  'survives-retry-schedule': 'FAIL',
};
