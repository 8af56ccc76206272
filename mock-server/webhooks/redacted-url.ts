/** What stands in for a query value in logs and exports, as the recorder's HAR writes it. */
const REDACTED = '[redacted]';

/**
 * A subscription URL fit for a log line or an export: its query values replaced by `[redacted]` (names
 * kept), since partners put tokens in webhook URLs. The control API, loopback-only, shows URLs whole.
 */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.search === '') return url;
  const names = [...parsed.searchParams.keys()];
  parsed.search = '';
  return `${parsed.href}?${names.map((name) => `${encodeURIComponent(name)}=${REDACTED}`).join('&')}`;
}

/** The query of a URL as HAR pairs, every value redacted. */
export const redactedQuery = (url: string): { name: string; value: string }[] =>
  [...new URL(url).searchParams.keys()].map((name) => ({ name, value: REDACTED }));
