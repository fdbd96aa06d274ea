import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { signAccessToken, verifyAccessToken } from '../auth/tokens';

/** What Secrets Manager sends the rotation function, once per step. */
export interface RotationEvent {
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly Step: string;
}

export const ROTATION_STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

/** As long as the value CloudFormation generated, from the same alphabet. */
const KEY_LENGTH = 64;
const MIN_KEY_LENGTH = 32;

/**
 * Rotates the JWT signing key in Secrets Manager's four steps. Each step may run again after a
 * failure, so each checks what is already done. The functions that verify tokens accept the
 * AWSCURRENT and AWSPREVIOUS values, so tokens signed before a rotation keep working until they
 * expire (an hour), and the next rotation is days away.
 */
export async function rotateSigningKey(client: SecretsManagerClient, event: RotationEvent, now: number): Promise<void> {
  const { SecretId: secretId, ClientRequestToken: token } = event;
  const step = rotationStep(event.Step);
  const secret = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
  if (!secret.RotationEnabled) throw new Error('rotation is not enabled on this secret');
  const stages = secret.VersionIdsToStages?.[token];
  if (!stages) throw new Error('the secret has no version for this rotation');
  // A step that runs again after the rotation finished has nothing left to do.
  if (stages.includes('AWSCURRENT')) return;
  if (!stages.includes('AWSPENDING')) throw new Error('the version of this rotation is not AWSPENDING');

  if (step === 'createSecret') return createPending(client, secretId, token);
  // The key is only read by this stack's functions: there is no other system to give it to.
  if (step === 'setSecret') return;
  if (step === 'testSecret') return testPending(client, secretId, token, now);
  const current = Object.entries(secret.VersionIdsToStages ?? {}).find(([, labels]) => labels.includes('AWSCURRENT'))?.[0];
  await client.send(
    new UpdateSecretVersionStageCommand({
      SecretId: secretId,
      VersionStage: 'AWSCURRENT',
      MoveToVersionId: token,
      ...(current ? { RemoveFromVersionId: current } : {}),
    }),
  );
}

function rotationStep(step: string): RotationStep {
  if (!(ROTATION_STEPS as readonly string[]).includes(step)) throw new Error(`unknown rotation step "${step}"`);
  return step as RotationStep;
}

async function createPending(client: SecretsManagerClient, secretId: string, token: string): Promise<void> {
  // Fails when there is no current value: nothing to rotate from.
  await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: 'AWSCURRENT' }));
  try {
    await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: token, VersionStage: 'AWSPENDING' }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const generated = await client.send(new GetRandomPasswordCommand({ PasswordLength: KEY_LENGTH, ExcludePunctuation: true }));
  if (!generated.RandomPassword) throw new Error('Secrets Manager generated no value');
  await client.send(
    new PutSecretValueCommand({
      SecretId: secretId,
      ClientRequestToken: token,
      SecretString: generated.RandomPassword,
      VersionStages: ['AWSPENDING'],
    }),
  );
}

/** The pending key must sign a token that it then verifies, as the auth function and the authorizer will use it. */
async function testPending(client: SecretsManagerClient, secretId: string, token: string, now: number): Promise<void> {
  const pending = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: token, VersionStage: 'AWSPENDING' }));
  const key = pending.SecretString ?? '';
  if (key.length < MIN_KEY_LENGTH) throw new Error(`the pending signing key is shorter than ${MIN_KEY_LENGTH} characters`);
  const probe = { userId: 'usr_rotation-test', tenantId: 'tnt_rotation-test' };
  const verified = await verifyAccessToken(await signAccessToken(probe, { current: key }, now), { current: key }, now);
  if (verified?.userId !== probe.userId) throw new Error('the pending signing key does not verify a token it signed');
}
