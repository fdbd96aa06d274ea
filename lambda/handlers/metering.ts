import type { Dependencies } from '../wiring/dependencies';
import type { NamedItems } from '../platform/dynamo';
import { OperationConditionFailed, type ChargedTransaction } from '../store/charged-write';
import { charge, type Charged } from './charging';
import type { AuthenticatedRequest, Principal, Reply, Request } from './request';

/** Operations whose own write carries the charge, in one transaction; every other metered operation runs beside its charge. */
const CHARGED_WITH_WRITE: ReadonlySet<string> = new Set(['createMemory', 'updateMemory', 'deleteMemory']);

export interface Metered {
  /** The rate-limit headers, for the reply and for an error alike. */
  readonly headers: Record<string, string>;
  readonly reply: PromiseSettledResult<Reply>;
}

/**
 * Runs an operation with its charge, so the metering adds no DynamoDB round trip of its own:
 * - a read runs beside its charge; a refused or failed charge discards what it read;
 * - a write hands its items to `withCharge` and they go out in one transaction with the counter,
 *   so a refused charge writes nothing and a write is never left uncharged; an operation that
 *   ends without that write (bad input, a missing item, an idempotent replay) is charged after;
 * - a management route (key management, usage, audit) is charged first: it reads the credits
 *   used and counts in the credential's own budget.
 * A refused charge throws its error (429, or 401 for a key that ended); otherwise the operation's
 * reply or error comes back with the headers.
 */
export async function runMetered(
  deps: Dependencies,
  request: Request,
  principal: Principal,
  operation: (request: AuthenticatedRequest) => Promise<Reply>,
): Promise<Metered> {
  if (request.route.management) {
    const charged = await charge(deps, request, principal);
    const [reply] = await Promise.allSettled([operation({ ...request, principal, creditsUsed: charged.creditsUsed })]);
    return { headers: charged.headers, reply };
  }
  if (!CHARGED_WITH_WRITE.has(request.route.operation)) {
    const [charged, reply] = await Promise.allSettled([
      charge(deps, request, principal),
      operation({ ...request, principal, creditsUsed: undefined }),
    ]);
    if (charged.status === 'rejected') throw charged.reason;
    return { headers: charged.value.headers, reply };
  }
  let charged: Charged | undefined;
  let refused: { readonly error: unknown } | undefined;
  const withCharge: ChargedTransaction = async (items: NamedItems<string>) => {
    if (charged || refused) throw new Error('an operation writes with its charge once');
    try {
      charged = await charge(deps, request, principal, items);
    } catch (error) {
      // The operation's own condition failed: nothing was written or charged, the operation answers (say, 404).
      if (!(error instanceof OperationConditionFailed)) refused = { error };
      throw error;
    }
  };
  const [reply] = await Promise.allSettled([operation({ ...request, principal, creditsUsed: undefined, withCharge })]);
  // A refused charge, or a store that failed during it, is the answer: the transaction wrote nothing.
  if (refused) throw refused.error;
  charged ??= await charge(deps, request, principal);
  return { headers: charged.headers, reply };
}

/** A route whose operation charges each call it carries itself (`chargedPerCall`, the MCP server): nothing is charged up front. */
export async function runUnmetered(
  _deps: Dependencies,
  request: Request,
  principal: Principal,
  operation: (request: AuthenticatedRequest) => Promise<Reply>,
): Promise<Metered> {
  const [reply] = await Promise.allSettled([operation({ ...request, principal, creditsUsed: undefined })]);
  return { headers: {}, reply };
}
