/** The credential a request presents, from `Authorization: Bearer` or `X-API-Key` (header names in any case). */
export type CredentialResult =
  | { ok: true; credential: string; /** Only `Authorization: Bearer` may carry an access token. */ bearer: boolean }
  | { ok: false; reason: 'missing' | 'malformed' | 'conflicting' };

export function extractCredential(headers: Record<string, string | undefined> | null | undefined): CredentialResult {
  let authorization: string | undefined;
  let apiKey: string | undefined;
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') authorization = value;
    else if (lower === 'x-api-key') apiKey = value;
  }
  let bearer: string | undefined;
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) return { ok: false, reason: 'malformed' };
    bearer = match[1];
  }
  const key = apiKey?.trim();
  if (bearer !== undefined && key !== undefined && bearer !== key) return { ok: false, reason: 'conflicting' };
  const credential = bearer ?? key;
  if (!credential) return { ok: false, reason: 'missing' };
  return { ok: true, credential, bearer: bearer !== undefined };
}

export function headerValue(headers: Record<string, string | undefined> | null | undefined, wanted: string): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) if (name.toLowerCase() === wanted) return value;
  return undefined;
}
