import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConflictException,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  GetApiKeysCommand,
  GetUsagePlansCommand,
  LimitExceededException,
  TooManyRequestsException,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway';
import { afterEach, describe, expect, it } from '@jest/globals';
import { parseAppConfig } from '../../lambda/shared/config';
import { usagePlanDefinitions } from '../../lambda/shared/usage-plans';
import { LocalApiGateway } from '../../local/local-api-gateway';

const STAGE = 'local:dev';
const PLANS = usagePlanDefinitions('app', parseAppConfig({}, 'test'));

/** The stand-in, deployed with the stack's usage plans, on a clock the test moves. */
async function deployedGateway(options: { apiKeyQuota?: number; dataDir?: string } = {}) {
  const clock = { now: Date.UTC(2026, 5, 1, 12) };
  const gateway = new LocalApiGateway({ now: () => clock.now, ...options });
  await gateway.deploy('app', STAGE, PLANS, async () => undefined);
  const client = gateway.client();
  const plans = new Map(
    ((await client.send(new GetUsagePlansCommand({ limit: 500 }))).items ?? []).map((plan) => [plan.name, plan.id ?? '']),
  );
  clock.now += 60_000;
  return { gateway, client, clock, planId: (name: string) => plans.get(name) ?? '' };
}

describe('LocalApiGateway, the API Gateway control-plane stand-in', () => {
  let dataDir: string | undefined;
  afterEach(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  it('keeps a key in one usage plan per stage: adding it to a second plan of the stage is a ConflictException', async () => {
    // Prepare
    const { client, planId } = await deployedGateway();
    const key = await client.send(new CreateApiKeyCommand({ name: 'k', enabled: true }));
    await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId('app-free'), keyId: key.id, keyType: 'API_KEY' }));

    // Act
    const second = client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId('app-pro'), keyId: key.id, keyType: 'API_KEY' }));
    const again = client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId('app-free'), keyId: key.id, keyType: 'API_KEY' }));

    // Assess
    await expect(second).rejects.toBeInstanceOf(ConflictException);
    await expect(again).rejects.toBeInstanceOf(ConflictException);
  });

  it('throttles CreateApiKey at 5 a second with TooManyRequestsException, on the stack’s clock', async () => {
    // Prepare
    const { client, clock } = await deployedGateway();
    for (let i = 0; i < 5; i++) await client.send(new CreateApiKeyCommand({ name: `k${i}`, enabled: true }));

    // Act
    const sixth = client.send(new CreateApiKeyCommand({ name: 'k5', enabled: true }));
    await expect(sixth).rejects.toBeInstanceOf(TooManyRequestsException);
    clock.now += 200;
    const afterAFifth = await client.send(new CreateApiKeyCommand({ name: 'k6', enabled: true }));

    // Assess
    expect(afterAFifth.id).toBeDefined();
  });

  it('throttles every control-plane call together at 10 a second', async () => {
    // Prepare
    const { client } = await deployedGateway();
    for (let i = 0; i < 10; i++) await client.send(new GetApiKeysCommand({}));

    // Act
    const eleventh = client.send(new GetUsagePlansCommand({}));

    // Assess
    await expect(eleventh).rejects.toBeInstanceOf(TooManyRequestsException);
  });

  it('allows UpdateUsagePlan once per 20 seconds', async () => {
    // Prepare
    const { client, clock, planId } = await deployedGateway();
    const update = (usagePlanId: string) =>
      client.send(new UpdateUsagePlanCommand({ usagePlanId, patchOperations: [{ op: 'add', path: '/apiStages', value: 'other:prod' }] }));
    await update(planId('app-free'));

    // Act
    const tooSoon = update(planId('app-pro'));
    await expect(tooSoon).rejects.toBeInstanceOf(TooManyRequestsException);
    clock.now += 20_000;
    const later = await update(planId('app-pro'));

    // Assess
    expect(later.apiStages?.map((stage) => `${stage.apiId}:${stage.stage}`)).toEqual([STAGE, 'other:prod']);
  });

  it('refuses a key past the account quota with LimitExceededException', async () => {
    // Prepare
    const { client } = await deployedGateway({ apiKeyQuota: 2 });
    await client.send(new CreateApiKeyCommand({ name: 'a', enabled: true }));
    await client.send(new CreateApiKeyCommand({ name: 'b', enabled: true }));

    // Act
    const third = client.send(new CreateApiKeyCommand({ name: 'c', enabled: true }));

    // Assess
    await expect(third).rejects.toBeInstanceOf(LimitExceededException);
  });

  it('keeps keys and plan memberships with the local data', async () => {
    // Prepare
    dataDir = mkdtempSync(join(tmpdir(), 'local-api-gateway-'));
    const first = await deployedGateway({ dataDir });
    const key = await first.client.send(new CreateApiKeyCommand({ name: 'kept', enabled: true }));
    await first.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: first.planId('app-pro'), keyId: key.id, keyType: 'API_KEY' }));

    // Act
    const restarted = await deployedGateway({ dataDir });

    // Assess
    expect(restarted.gateway.membership(key.value ?? '', STAGE)?.keyId).toBe(key.id);
    expect(restarted.gateway.keys().map((entry) => [entry.name, entry.plans])).toEqual([['kept', ['app-pro']]]);
  });

  it('resolves a key value to no plan at all once it sits in none of the stage’s plans (API Gateway’s INVALID_API_KEY)', async () => {
    // Prepare
    const { gateway, client } = await deployedGateway();
    const key = await client.send(new CreateApiKeyCommand({ name: 'loose', enabled: true }));

    // Act
    const member = gateway.membership(key.value ?? '', STAGE);

    // Assess
    expect(member).toBeUndefined();
  });
});
