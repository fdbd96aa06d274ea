/**
 * What can go wrong below the HTTP layer, by what happened rather than by status: stores, platform
 * adapters and configuration throw these. Only the HTTP pipeline (lambda/handlers/error-answers.ts,
 * one table) turns them into answers; the authorizer fails closed on any of them.
 */
export type DomainErrorKind =
  /** Other writers kept winning the same item: retrying shortly succeeds. */
  | 'contention'
  /** A backing service did not answer within the request's budget. */
  | 'unavailable'
  /** The tenant's tier is no longer configured. */
  | 'tier_unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown, kind: DomainErrorKind): error is DomainError {
  return error instanceof DomainError && error.kind === kind;
}
