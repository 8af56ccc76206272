const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The URL for a hub path such as `/requests/KP-ABCD1234/state/`, relative to `apiUrl` (given without a
 * trailing slash). An absolute URL is refused rather than followed: the call carries the bearer token,
 * which must go to the hub only.
 */
export function resolveApiPath(apiUrl: string, path: string): string {
  if (typeof path !== 'string') throw new TypeError('path must be a string relative to apiUrl');
  if (ABSOLUTE_URL.test(path) || path.startsWith('//'))
    throw new TypeError('path must be relative to apiUrl, not an absolute URL');
  return `${apiUrl}${path.startsWith('/') ? '' : '/'}${path}`;
}
