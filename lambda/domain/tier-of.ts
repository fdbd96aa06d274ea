import type { AppConfig } from '../shared/config';
import { findTier, tierUnavailableMessage } from '../shared/deployed-config';
import type { Tier } from '../shared/tiers';
import { DomainError } from './errors';

/** The configured tier of a tenant; a tier no longer configured is `tier_unavailable` (see findTier). */
export function tierOf(config: AppConfig, name: string): Tier {
  const tier = findTier(config, name);
  if (!tier) throw new DomainError('tier_unavailable', tierUnavailableMessage(name));
  return tier;
}
