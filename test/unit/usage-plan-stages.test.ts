import { CreateApiKeyCommand, CreateUsagePlanKeyCommand, GetUsagePlansCommand } from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from '@jest/globals';
import { parseAppConfig } from '../../lambda/shared/config';
import { usagePlanDefinitions } from '../../lambda/shared/usage-plans';
import { changePlanStage, USAGE_PLAN_UPDATE_INTERVAL_MS } from '../../lambda/gateway-keys/usage-plan-stages';
import { LocalApiGateway } from '../../local/local-api-gateway';

const PLANS = usagePlanDefinitions('MemoryApi-dev', parseAppConfig({}, 'test'));
const NAMES = PLANS.map((plan) => plan.name);

async function producer() {
  const clock = { now: Date.UTC(2026, 5, 1, 12) };
  const gateway = new LocalApiGateway({ now: () => clock.now });
  await gateway.deploy('MemoryApi-dev', 'producer:dev', PLANS, async () => undefined);
  clock.now += 60_000;
  // The custom resource waits between UpdateUsagePlan calls; here that moves the stand-in's clock.
  const pause = async (ms: number) => {
    clock.now += ms;
  };
  return { gateway, client: gateway.client(), pause };
}

describe('a consumer API’s stage in the tier usage plans (ApiKeyAuthorizer.addStageToUsagePlans)', () => {
  it('adds the stage to every tier plan at UpdateUsagePlan’s pace, so the gateway keys are accepted on it', async () => {
    // Prepare
    const { gateway, client, pause } = await producer();
    const plans = new Map(((await client.send(new GetUsagePlansCommand({ limit: 500 }))).items ?? []).map((plan) => [plan.name, plan.id]));
    const key = await client.send(new CreateApiKeyCommand({ name: 'pooled', enabled: true }));
    await client.send(
      new CreateUsagePlanKeyCommand({ usagePlanId: plans.get('MemoryApi-dev-free-pooled'), keyId: key.id, keyType: 'API_KEY' }),
    );
    const waits: number[] = [];

    // Act
    const added = await changePlanStage(client, NAMES, 'consumer:prod', 'add', async (ms) => {
      waits.push(ms);
      await pause(ms);
    });

    // Assess
    expect(added).toBe(NAMES.length);
    expect(waits).toEqual(Array.from({ length: NAMES.length - 1 }, () => USAGE_PLAN_UPDATE_INTERVAL_MS));
    expect(gateway.membership(key.value ?? '', 'consumer:prod')?.keyId).toBe(key.id);
  });

  it('is safe to run again, and takes the stage out again on delete', async () => {
    // Prepare
    const { gateway, client, pause } = await producer();
    await changePlanStage(client, NAMES, 'consumer:prod', 'add', pause);
    await pause(USAGE_PLAN_UPDATE_INTERVAL_MS);

    // Act
    const again = await changePlanStage(client, NAMES, 'consumer:prod', 'add', pause);
    const removed = await changePlanStage(client, NAMES, 'consumer:prod', 'remove', pause);

    // Assess
    expect([again, removed]).toEqual([0, NAMES.length]);
    const key = await client.send(new CreateApiKeyCommand({ name: 'k', enabled: true }));
    expect(gateway.membership(key.value ?? '', 'consumer:prod')).toBeUndefined();
  });

  it('refuses a plan name that does not exist, before changing any plan', async () => {
    // Prepare
    const { client, pause } = await producer();

    // Act
    const attempt = changePlanStage(client, [...NAMES, 'MemoryApi-dev-gold'], 'consumer:prod', 'add', pause);

    // Assess
    await expect(attempt).rejects.toThrow('no usage plan named MemoryApi-dev-gold');
  });
});
