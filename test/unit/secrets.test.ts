import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from '@jest/globals';
import { MAX_AGE_MS, REFRESH_INTERVAL_MS, SecretsManagerSource } from '../../lambda/platform/secrets';

const ARNS = { pepper: 'arn:aws:secretsmanager:us-east-1:1:secret:pepper', jwt: 'arn:aws:secretsmanager:us-east-1:1:secret:jwt' };

function source() {
  const client = new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const mock = mockClient(client);
  const clock = { now: Date.UTC(2026, 10, 24) };
  return { mock, clock, secrets: new SecretsManagerSource(ARNS, client, () => clock.now) };
}

const notFound = () =>
  new ResourceNotFoundException({
    message: "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS",
    $metadata: {},
  });

describe('SecretsManagerSource', () => {
  it('reads the current and previous versions of the named secret', async () => {
    // Prepare
    const { mock, secrets } = source();
    mock.on(GetSecretValueCommand, { SecretId: ARNS.jwt, VersionStage: 'AWSCURRENT' }).resolves({ SecretString: 'new' });
    mock.on(GetSecretValueCommand, { SecretId: ARNS.jwt, VersionStage: 'AWSPREVIOUS' }).resolves({ SecretString: 'old' });

    // Act
    const versions = await secrets.get('jwt');

    // Assess
    expect(versions).toEqual({ current: 'new', previous: 'old' });
    expect(
      mock
        .commandCalls(GetSecretValueCommand)
        .map((call) => call.args[0].input)
        .sort((a, b) => String(a.VersionStage).localeCompare(String(b.VersionStage))),
    ).toEqual([
      { SecretId: ARNS.jwt, VersionStage: 'AWSCURRENT' },
      { SecretId: ARNS.jwt, VersionStage: 'AWSPREVIOUS' },
    ]);
  });

  it('caches the versions: a second get makes no call', async () => {
    // Prepare
    const { mock, secrets } = source();
    mock.on(GetSecretValueCommand).resolves({ SecretString: 'value' });
    await secrets.get('pepper');
    const callsAfterFirst = mock.calls().length;

    // Act
    const again = await secrets.get('pepper');

    // Assess
    expect(callsAfterFirst).toBe(2);
    expect(mock.calls()).toHaveLength(2);
    expect(again).toEqual({ current: 'value', previous: 'value' });
  });

  it('shares one read between concurrent gets', async () => {
    // Prepare
    const { mock, secrets } = source();
    mock.on(GetSecretValueCommand).resolves({ SecretString: 'value' });

    // Act
    await Promise.all([secrets.get('pepper'), secrets.get('pepper'), secrets.get('pepper')]);

    // Assess
    expect(mock.calls()).toHaveLength(2);
  });

  it('caches each secret on its own', async () => {
    // Prepare
    const { mock, secrets } = source();
    mock.on(GetSecretValueCommand, { SecretId: ARNS.pepper }).resolves({ SecretString: 'pepper' });
    mock.on(GetSecretValueCommand, { SecretId: ARNS.jwt }).resolves({ SecretString: 'jwt' });

    // Act
    const pepper = await secrets.get('pepper');
    const jwt = await secrets.get('jwt');

    // Assess
    expect(pepper.current).toBe('pepper');
    expect(jwt.current).toBe('jwt');
    expect(mock.calls()).toHaveLength(4);
  });

  it('leaves previous undefined when there is no AWSPREVIOUS version', async () => {
    // Prepare
    const { mock, secrets } = source();
    mock.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: 'only' });
    mock.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).rejects(notFound());

    // Act
    const versions = await secrets.get('pepper');

    // Assess
    expect(versions).toEqual({ current: 'only' });
    expect(versions.previous).toBeUndefined();
  });

  it('fails when the current version is missing', async () => {
    // Prepare
    const { mock, secrets } = source();
    mock
      .on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' })
      .rejects(new ResourceNotFoundException({ message: 'no such secret', $metadata: {} }));
    mock.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).rejects(notFound());

    // Act
    const outcome = secrets.get('pepper');

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('fails when the current version has no string value', async () => {
    // Prepare
    const { mock, secrets } = source();
    mock.on(GetSecretValueCommand).resolves({});

    // Act
    const outcome = secrets.get('pepper');

    // Assess
    await expect(outcome).rejects.toThrow('secret has no current value');
  });

  it('does not cache a failure: the next get reads again', async () => {
    // Prepare
    const { mock, secrets } = source();
    mock
      .on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' })
      .rejectsOnce(new Error('network down'))
      .resolves({ SecretString: 'recovered' });
    mock.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).rejects(notFound());
    await expect(secrets.get('jwt')).rejects.toThrow('network down');

    // Act
    const versions = await secrets.get('jwt');

    // Assess
    expect(versions).toEqual({ current: 'recovered' });
    expect(mock.commandCalls(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' })).toHaveLength(2);
  });

  it('does not treat a failure of AWSPREVIOUS other than not-found as absent', async () => {
    // Prepare
    const { mock, secrets } = source();
    mock.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: 'current' });
    mock.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).rejects(new Error('access denied'));

    // Act
    const outcome = secrets.get('jwt');

    // Assess
    await expect(outcome).rejects.toThrow('access denied');
  });

  it('reads a rotated secret again on refresh, but not more than once per interval', async () => {
    // Prepare
    const { mock, clock, secrets } = source();
    mock.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolvesOnce({ SecretString: 'v1' }).resolves({ SecretString: 'v2' });
    mock.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).rejectsOnce(notFound()).resolves({ SecretString: 'v1' });
    await secrets.get('jwt');

    // Act
    const tooSoon = await secrets.refresh('jwt');
    clock.now += REFRESH_INTERVAL_MS + 1;
    const later = await secrets.refresh('jwt');
    const afterwards = await secrets.get('jwt');

    // Assess
    expect(tooSoon).toEqual({ current: 'v1' });
    expect(later).toEqual({ current: 'v2', previous: 'v1' });
    expect(afterwards).toEqual(later);
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(4);
  });

  it('reads a secret again on get once it is older than the maximum age, so a warm signer follows rotations', async () => {
    // Prepare
    const { mock, clock, secrets } = source();
    mock.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolvesOnce({ SecretString: 'v1' }).resolves({ SecretString: 'v2' });
    mock.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).rejectsOnce(notFound()).resolves({ SecretString: 'v1' });
    await secrets.get('jwt');

    // Act
    clock.now += MAX_AGE_MS - 1;
    const young = await secrets.get('jwt');
    clock.now += 2;
    const aged = await secrets.get('jwt');

    // Assess
    expect(young).toEqual({ current: 'v1' });
    expect(aged).toEqual({ current: 'v2', previous: 'v1' });
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(4);
  });
});
