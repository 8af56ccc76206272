import type { Recording } from '../../mock-server/recorder/recorder.js';

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);
const CREDENTIAL_PARAMETERS = ['client_id', 'client_secret'];

/** What is wrong with a recorded token request by RFC 6749 §4.4 and §2.3.1; empty when nothing is. */
export function tokenRequestProblems(recording: Recording): string[] {
  const problems: string[] = [];
  if (recording.method !== 'POST') problems.push(`method ${recording.method}, not POST`);
  const inQuery = (recording.query_keys ?? []).filter((key) => CREDENTIAL_PARAMETERS.includes(key));
  if (recording.credentials_in_query === true || inQuery.length > 0)
    problems.push(`credentials in the URL query string (${inQuery.join(', ') || 'client credentials'})`);
  if (recording.method === 'POST') {
    const type = recording.content_type?.split(';')[0]?.trim().toLowerCase() ?? null;
    if (type === null || !FORM_TYPES.has(type))
      problems.push(`content type ${type ?? 'missing'}, not a form`);
    if (recording.grant_type !== 'client_credentials')
      problems.push(`grant_type ${recording.grant_type ?? 'missing'}, not client_credentials`);
    if (recording.auth_method === 'both') problems.push('credentials both in the body and in HTTP Basic');
    else if (recording.auth_method === 'none' || recording.auth_method === null)
      problems.push('no client secret in the body or HTTP Basic');
  }
  return problems;
}
