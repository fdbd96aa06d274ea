import type { MemoryClient } from '@agent-memory/sdk';
import { useEffect, useState } from 'preact/hooks';
import type { Environment, User } from './session';

export interface Tab {
  readonly name: string;
  readonly title: string;
}

/** The account (email, tenant, tier), the pages, and the live/test switch; test mode colours it all. */
export function Header(props: {
  client: MemoryClient;
  user: User | null;
  tabs: readonly Tab[];
  page: string;
  environment: Environment;
  onEnvironment: (environment: Environment) => void;
  onSignOut: () => void;
}) {
  const tier = useTier(props.client);
  return (
    <>
      <header class={`top ${props.environment}`}>
        <h1>Agent Memory</h1>
        <nav class="tabs" aria-label="Console pages">
          {props.tabs.map((tab) => (
            <a key={tab.name} href={`#/${tab.name}`} aria-current={tab.name === props.page ? 'page' : undefined}>
              {tab.title}
            </a>
          ))}
        </nav>
        <div class="row account-row">
          <div class="env-switch" role="group" aria-label="Environment">
            {(['live', 'test'] as const).map((name) => (
              <button
                key={name}
                type="button"
                class={name}
                aria-pressed={props.environment === name}
                onClick={() => props.onEnvironment(name)}
              >
                {name === 'live' ? 'Live' : 'Test'}
              </button>
            ))}
          </div>
          <div class="account" data-testid="account">
            <strong>{props.user?.email ?? 'Signed in'}</strong>
            <span class="muted">
              {props.user?.tenant_id ?? ''}
              {tier && <span class="chip tier">{tier}</span>}
            </span>
          </div>
          <button type="button" class="secondary" onClick={props.onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      {props.environment === 'test' && (
        <div class="test-banner" role="status" data-testid="test-banner">
          <strong>Test mode.</strong> You are looking at test keys, test memories and test usage. Live data is untouched.
        </div>
      )}
    </>
  );
}

/** The tier, read once per sign-in (a management request, no credit); the header waits quietly without it. */
function useTier(client: MemoryClient): string | null {
  const [tier, setTier] = useState<string | null>(null);
  useEffect(() => {
    client.usage().then(
      (usage) => setTier(usage.tier),
      () => setTier(null),
    );
  }, []);
  return tier;
}
