import type { ObservedToken } from './observation.js';

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);
const CREDENTIAL_PARAMETERS = ['client_id', 'client_secret'];

/** What is wrong with a recorded token request by RFC 6749 §4.4 and §2.3.1; empty when nothing is. */
export function tokenRequestProblems(token: ObservedToken): string[] {
  const problems: string[] = [];
  if (token.method !== 'POST') problems.push(`method ${token.method}, not POST`);
  const inQuery = token.queryKeys.filter((key) => CREDENTIAL_PARAMETERS.includes(key));
  if (token.credentialsInQuery || inQuery.length > 0)
    problems.push(`credentials in the URL query string (${inQuery.join(', ') || 'client credentials'})`);
  if (token.method === 'POST') {
    const type = token.contentType?.split(';')[0]?.trim().toLowerCase() ?? null;
    if (type === null || !FORM_TYPES.has(type))
      problems.push(`content type ${type ?? 'missing'}, not a form`);
    if (token.grantType !== 'client_credentials')
      problems.push(`grant_type ${token.grantType ?? 'missing'}, not client_credentials`);
    if (token.authMethod === 'both') problems.push('credentials both in the body and in HTTP Basic');
    else if (token.authMethod === 'none' || token.authMethod === null)
      problems.push('no client secret in the body or HTTP Basic');
  }
  return problems;
}
