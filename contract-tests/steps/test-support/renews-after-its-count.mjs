// A client like ruby-oauth2 on a bad day: its whole-second `expired?` turns true up to 1 s after its own count
// of expires_in, and that count began when it read its answer, which here came 300 ms after the mock sent it.
// So it replaces its token 1.3 s after the mock's count: later than one probe 1 s after expiry, still at expiry;
// like ruby-oauth2, it hands a 401 to the application rather than fetching a new token for it.
import { flawedAdapter } from '../../../fixtures/adapters/lib/flawed-client.mjs';

export default flawedAdapter('renews-after-its-count', {
  refresh: 'margin',
  marginS: -1.3,
  retryOn401: 'never',
});
