import type { AppConfig } from '../lambda/shared/config';

/**
 * AWS WAF's rate rules take time to notice a client over its limit: "usually below 30 seconds",
 * up to several minutes. The stand-in blocks a client this long after it went over, never sooner.
 */
export const WAF_DETECTION_DELAY_MS = 30_000;
const WINDOW_MS = 300_000;

interface RateRule {
  readonly name: string;
  readonly limit: number;
  readonly matches: (path: string) => boolean;
}

/**
 * Stands in for the stage's web ACL (lib/web-acl.ts) as far as its per-client rate rules go, in
 * front of everything else API Gateway does: requests of one client address over five minutes,
 * on the credential routes and on all routes. A client is blocked once WAF would have noticed it
 * is over a limit (WAF_DETECTION_DELAY_MS after), until its count in the window is under it again.
 * Blocked requests count too. The managed rule groups are not emulated.
 */
export class LocalWebAcl {
  private readonly rules: readonly RateRule[];
  /** Request times per rule and client address, oldest first, and when each went over its limit. */
  private readonly seen = new Map<string, { times: number[]; overSince?: number }>();

  constructor(limits: AppConfig['waf']) {
    this.rules = [
      { name: 'CredentialRoutesPerIp', limit: limits.credentialRequestsPer5Minutes, matches: (path) => path.includes('/v1/auth/') },
      { name: 'AllRoutesPerIp', limit: limits.requestsPer5Minutes, matches: () => true },
    ];
  }

  /** Counts the request and says whether a rule blocks it. */
  blocks(clientAddress: string, path: string, now: number): boolean {
    let blocked = false;
    for (const rule of this.rules) {
      if (!rule.matches(path)) continue;
      const key = `${rule.name} ${clientAddress}`;
      const entry = this.seen.get(key) ?? { times: [] };
      entry.times = entry.times.filter((at) => at > now - WINDOW_MS);
      entry.times.push(now);
      if (entry.times.length <= rule.limit) entry.overSince = undefined;
      else entry.overSince ??= now;
      this.seen.set(key, entry);
      if (entry.overSince !== undefined && now >= entry.overSince + WAF_DETECTION_DELAY_MS) blocked = true;
    }
    return blocked;
  }
}
