import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { traceClient } from './tracing';
import { CALL_ATTEMPTS, CALL_TIMEOUTS, budgeted } from './budget';

/** The current value of a secret and, after a rotation, the one before it. */
export interface SecretVersions {
  readonly current: string;
  readonly previous?: string;
}

export interface SecretSource {
  get(name: SecretName): Promise<SecretVersions>;
  /** Reads the secret again (after a rotation), at most once per `REFRESH_INTERVAL_MS`. */
  refresh(name: SecretName): Promise<SecretVersions>;
}

export const REFRESH_INTERVAL_MS = 30_000;
/**
 * A value read longer ago than this is read again on the next `get`, so a warm function never
 * signs with a JWT key that two rotations have retired, and sees a new pepper version.
 */
export const MAX_AGE_MS = 15 * 60_000;

export type SecretName = 'pepper' | 'jwt';

/** Reads secrets from Secrets Manager at cold start, again after MAX_AGE_MS, and when a caller has seen a rotation. */
export class SecretsManagerSource implements SecretSource {
  private readonly cache = new Map<SecretName, Promise<SecretVersions>>();
  private readonly loadedAt = new Map<SecretName, number>();

  constructor(
    private readonly arns: Record<SecretName, string>,
    private readonly client = traceClient(new SecretsManagerClient({ maxAttempts: CALL_ATTEMPTS, requestHandler: CALL_TIMEOUTS })),
    private readonly now: () => number = Date.now,
  ) {}

  get(name: SecretName): Promise<SecretVersions> {
    const cached = this.cache.get(name);
    if (cached && this.now() - (this.loadedAt.get(name) ?? 0) < MAX_AGE_MS) return cached;
    return this.reload(name);
  }

  refresh(name: SecretName): Promise<SecretVersions> {
    const cached = this.cache.get(name);
    if (cached && this.now() - (this.loadedAt.get(name) ?? 0) < REFRESH_INTERVAL_MS) return cached;
    return this.reload(name);
  }

  private reload(name: SecretName): Promise<SecretVersions> {
    const pending = this.load(this.arns[name]);
    pending.catch(() => this.cache.delete(name));
    this.cache.set(name, pending);
    this.loadedAt.set(name, this.now());
    return pending;
  }

  private async load(arn: string): Promise<SecretVersions> {
    const [current, previous] = await Promise.all([this.version(arn, 'AWSCURRENT'), this.version(arn, 'AWSPREVIOUS')]);
    if (!current) throw new Error('secret has no current value');
    return previous ? { current, previous } : { current };
  }

  private async version(arn: string, stage: string): Promise<string | undefined> {
    try {
      const result = await budgeted((abortSignal) =>
        this.client.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: stage }), { abortSignal }),
      );
      return result.SecretString;
    } catch (error) {
      if (error instanceof ResourceNotFoundException && stage === 'AWSPREVIOUS') return undefined;
      throw error;
    }
  }
}
