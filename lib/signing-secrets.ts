import { Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { removalPolicyFor } from './config';

export interface SigningSecretsProps {
  /** `prod` keeps the secrets when the stack is deleted (losing the pepper invalidates every key). */
  readonly stage: string;
}

/**
 * The key-hash pepper and the JWT signing key. CloudFormation generates both values, so they
 * never pass through the template, the CLI or a Lambda environment; functions get the ARNs.
 */
export class SigningSecrets extends Construct {
  public readonly pepper: secretsmanager.Secret;
  public readonly jwtSigningKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: SigningSecretsProps) {
    super(scope, id);
    if (!props.stage) throw new Error('SigningSecrets: stage is required');

    this.pepper = generatedSecret(this, 'Pepper', 'HMAC pepper for API key hashes', props.stage);
    Validations.of(this.pepper).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The pepper keys every stored API key hash: rotating it would invalidate every issued key, so it is rotated only by a planned re-keying, never on a schedule.',
    });

    this.jwtSigningKey = generatedSecret(this, 'JwtSigningKey', 'HS256 signing key for access tokens', props.stage);
    Validations.of(this.jwtSigningKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotation is supported (token verification accepts the AWSCURRENT and AWSPREVIOUS versions), but the schedule and rotation function are the operator’s choice per account.',
    });
  }
}

function generatedSecret(scope: Construct, id: string, description: string, stage: string): secretsmanager.Secret {
  return new secretsmanager.Secret(scope, id, {
    description,
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
    removalPolicy: removalPolicyFor(stage),
  });
}
