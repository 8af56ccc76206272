import { expect } from 'vitest';
import type { MockServer } from '../../../mock-server/index.js';
import { assertMatchesSchema } from '../../../test-support/openapi-validator.js';

/**
 * Throws unless the recorder is consistent: within its bound, sequence numbers strictly increasing by
 * one (no exchange lost or recorded twice in what it kept), every entry of the documented shape, and no
 * entry carrying `secret` anywhere.
 */
export function assertRecorderConsistent(mock: MockServer, secret: string): void {
  const recorder = mock.recorder;
  const recordings = mock.control.recordings();
  expect(recordings.length).toBe(recorder.size);
  expect(recorder.size).toBeLessThanOrEqual(recorder.capacity);
  recordings.forEach((recording, index) => {
    assertMatchesSchema('Recording', recording);
    if (index > 0) expect(recording.seq).toBe((recordings[index - 1]?.seq ?? 0) + 1);
  });
  expect(JSON.stringify(recordings)).not.toContain(secret);
}
