import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { AppConfig } from '../lambda/shared/config';
import { ApiFunction } from './api-function';
import { removalPolicyFor } from './config';

export interface SigningSecretsProps {
  /** The stage (`prod` keeps the secrets when the stack is deleted: losing the pepper invalidates every key), the rotation interval and the function defaults. */
  readonly config: AppConfig;
}

/**
 * The key-hash pepper and the JWT signing key. CloudFormation generates both values, so they
 * never pass through the template, the CLI or a Lambda environment; functions get the ARNs. The
 * signing key rotates on a schedule through its own rotation function.
 */
export class SigningSecrets extends Construct {
  public readonly pepper: secretsmanager.Secret;
  public readonly jwtSigningKey: secretsmanager.Secret;
  public readonly rotationFunction: ApiFunction;
  public readonly rotationSchedule: secretsmanager.RotationSchedule;

  constructor(scope: Construct, id: string, props: SigningSecretsProps) {
    super(scope, id);
    const { config } = props;
    if (!config?.stage) throw new Error('SigningSecrets: config with a stage is required');

    this.pepper = generatedSecret(this, 'Pepper', 'HMAC pepper for API key hashes', config.stage);
    Validations.of(this.pepper).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A pepper cannot rotate on a schedule: only the pepper a key was hashed with finds it again, and the plaintext key is gone. New pepper versions are added by the documented procedure (docs/operating.md, "Rotating secrets"); each key records its version.',
    });

    this.jwtSigningKey = generatedSecret(this, 'JwtSigningKey', 'HS256 signing key for access tokens', config.stage);
    this.rotationFunction = new ApiFunction(this, 'JwtRotationFunction', {
      entry: 'lambda/functions/rotation.ts',
      config,
      description: 'Rotates the JWT signing key (Secrets Manager rotation steps)',
      memorySize: 256,
      timeout: Duration.seconds(29),
      logRemovalPolicy: removalPolicyFor(config.stage),
      reservedConcurrency: config.concurrency.reserved.jwtRotation,
    });
    // Grants the function exactly DescribeSecret, GetSecretValue, PutSecretValue and
    // UpdateSecretVersionStage on this secret (and GetRandomPassword, which has no resource).
    this.rotationSchedule = this.jwtSigningKey.addRotationSchedule('Rotation', {
      rotationLambda: this.rotationFunction,
      automaticallyAfter: Duration.days(config.jwtSecretRotationDays),
      // A deploy that changes the schedule should not rotate at once; the schedule decides.
      rotateImmediatelyOnUpdate: false,
    });
    // Secrets Manager may invoke the function for this account's signing key only (the permission CDK
    // adds names no source); the function rotates nothing else, so it may name the secret itself.
    for (const child of this.rotationFunction.node.children) {
      if (child instanceof lambda.CfnPermission && child.principal === 'secretsmanager.amazonaws.com') {
        child.sourceAccount = Stack.of(this).account;
        child.sourceArn = this.jwtSigningKey.secretArn;
      }
    }
  }
}

function generatedSecret(scope: Construct, id: string, description: string, stage: string): secretsmanager.Secret {
  return new secretsmanager.Secret(scope, id, {
    description,
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
    removalPolicy: removalPolicyFor(stage),
  });
}
