/** Replaces every occurrence of each secret in `text`, so adapter logs can go into reports. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out;
}

/** `value` (JSON data) with every secret in any string replaced, for what an adapter sends back. */
export function redactSecretsInJson<T>(value: T, secrets: readonly string[]): T {
  if (value === undefined) return value;
  const text = JSON.stringify(value);
  const redacted = redactSecrets(text, secrets);
  return redacted === text ? value : (JSON.parse(redacted) as T);
}
