import type { SecretSource } from '../platform/secrets';

/** One version of the key-hash pepper. */
export interface Pepper {
  readonly version: number;
  readonly value: string;
}

export interface Peppers {
  /** The newest version: new keys are hashed with it. */
  readonly current: Pepper;
  /** Every version, newest first: a key hashed with any of them still verifies. */
  readonly all: readonly Pepper[];
}

const MIN_PEPPER_LENGTH = 32;

/**
 * The pepper secret holds one value (version 1, as CloudFormation generated it), or a JSON object
 * of numbered versions, `{"1": "...", "2": "..."}`. A pepper cannot rotate like a signing key:
 * only the pepper a key was hashed with finds it again, and the plaintext is gone. So versions are
 * added, each key records the version it was hashed with, and an old version is removed only once
 * no key that still works was hashed with it (docs/operating.md, "Rotating secrets").
 */
export function parsePeppers(secret: string): Peppers {
  if (!secret.trimStart().startsWith('{')) return single({ version: 1, value: secret });
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    throw new Error('the pepper secret is neither a plain value nor valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the pepper secret JSON must be an object');
  const all = Object.entries(parsed).map(([version, value]) => {
    if (!/^[1-9]\d{0,5}$/.test(version)) throw new Error(`pepper version "${version}" must be a positive whole number`);
    if (typeof value !== 'string' || value.length < MIN_PEPPER_LENGTH) {
      throw new Error(`pepper version ${version} must be a string of at least ${MIN_PEPPER_LENGTH} characters`);
    }
    return { version: Number(version), value };
  });
  all.sort((a, b) => b.version - a.version);
  const [current] = all;
  if (!current) throw new Error('the pepper secret holds no version');
  return { current, all };
}

let parsed: { readonly secret: string; readonly peppers: Peppers } | undefined;

/**
 * The pepper versions of the secret as `secrets` holds it now (`fresh`: read again, as after a
 * version was added), parsed once per value: the authorizer asks for every key it checks.
 */
export async function pepperVersions(secrets: SecretSource, fresh = false): Promise<Peppers> {
  const secret = (await (fresh ? secrets.refresh('pepper') : secrets.get('pepper'))).current;
  if (parsed?.secret !== secret) parsed = { secret, peppers: parsePeppers(secret) };
  return parsed.peppers;
}

/** The secret value with `value` added as the next version (a plain value becomes version 1). */
export function addPepperVersion(secret: string, value: string): string {
  const { all, current } = parsePeppers(secret);
  const versions = Object.fromEntries(all.map((pepper) => [String(pepper.version), pepper.value]));
  return JSON.stringify({ ...versions, [String(current.version + 1)]: value });
}

function single(pepper: Pepper): Peppers {
  if (!pepper.value) throw new Error('the pepper secret is empty');
  return { current: pepper, all: [pepper] };
}
