import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The current value of a secret and, after a rotation, the one before it. */
export interface SecretVersions {
  readonly current: string;
  readonly previous?: string;
}

export interface SecretSource {
  get(name: SecretName): Promise<SecretVersions>;
}

export type SecretName = 'pepper' | 'jwt';

/** Reads secrets from Secrets Manager once per cold start (values are cached for the container's life). */
export class SecretsManagerSource implements SecretSource {
  private readonly cache = new Map<SecretName, Promise<SecretVersions>>();

  constructor(
    private readonly arns: Record<SecretName, string>,
    private readonly client = new SecretsManagerClient({}),
  ) {}

  get(name: SecretName): Promise<SecretVersions> {
    let pending = this.cache.get(name);
    if (!pending) {
      pending = this.load(this.arns[name]);
      pending.catch(() => this.cache.delete(name));
      this.cache.set(name, pending);
    }
    return pending;
  }

  private async load(arn: string): Promise<SecretVersions> {
    const [current, previous] = await Promise.all([this.version(arn, 'AWSCURRENT'), this.version(arn, 'AWSPREVIOUS')]);
    if (!current) throw new Error('secret has no current value');
    return previous ? { current, previous } : { current };
  }

  private async version(arn: string, stage: string): Promise<string | undefined> {
    try {
      const result = await this.client.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: stage }));
      return result.SecretString;
    } catch (error) {
      if (error instanceof ResourceNotFoundException && stage === 'AWSPREVIOUS') return undefined;
      throw error;
    }
  }
}
