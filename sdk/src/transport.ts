/** The rate-limit headers of the last answer that carried them. */
export interface RateLimit {
  /** Requests per minute of the tier. */
  readonly limit: number;
  /** Requests left in this minute window. */
  readonly remaining: number;
  /** Unix seconds when the minute window resets. */
  readonly reset: number;
  /** Credits a month and credits left; undefined where the tier is unlimited. */
  readonly creditsLimit?: number;
  readonly creditsRemaining?: number;
}

import { MemoryNetworkError } from './errors.js';

export interface RetryOptions {
  /** Retries after a 429 or 503; 0 turns retrying off. */
  readonly maxRetries: number;
  /** A `Retry-After` longer than this is not waited for (a monthly quota resets at the end of the month). */
  readonly maxRetryDelayMs: number;
  /** How long one attempt may take, from sending to the end of the answer's body; 0 waits for ever. */
  readonly timeoutMs: number;
  readonly fetch: (request: Request) => Promise<Response>;
  readonly sleep: (ms: number) => Promise<void>;
}

const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 503]);
/** Methods that change nothing more when repeated; POST and PATCH are retried only with an Idempotency-Key. */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const BACKOFF_BASE_MS = 500;

/**
 * The fetch every request of a client goes through: it retries 429 and 503 answers after the
 * `Retry-After` they carry (a bounded number of times, and never longer than the limit), but only
 * requests that are safe to send twice, and it remembers the last rate-limit headers.
 */
export class Transport {
  lastRateLimit: RateLimit | undefined;

  constructor(private readonly options: RetryOptions) {}

  /** `readOnly`: a POST that changes nothing (search), safe to repeat like a GET. */
  fetcher(readOnly = false): (request: Request) => Promise<Response> {
    return async (request) => {
      const repeatable = readOnly || IDEMPOTENT_METHODS.has(request.method) || request.headers.has('idempotency-key');
      for (let attempt = 0; ; attempt++) {
        const last = !repeatable || attempt >= this.options.maxRetries;
        const response = await this.send(last ? request : request.clone());
        this.remember(response);
        const delay = last || !RETRIED_STATUSES.has(response.status) ? undefined : retryDelayMs(response, attempt);
        if (delay === undefined || delay > this.options.maxRetryDelayMs) return response;
        await response.body?.cancel();
        await this.options.sleep(delay);
      }
    };
  }

  /**
   * One attempt, its body read in full under the same deadline (an answer is one small JSON
   * document), so a timeout or a broken connection surfaces here as a MemoryNetworkError rather
   * than as fetch's TypeError or an AbortError while the caller reads the body.
   */
  private async send(request: Request): Promise<Response> {
    const signal = this.options.timeoutMs > 0 ? AbortSignal.timeout(this.options.timeoutMs) : undefined;
    try {
      const response = await this.options.fetch(signal ? new Request(request, { signal }) : request);
      const body = await response.arrayBuffer();
      const { status, statusText, headers } = response;
      return new Response(body.byteLength === 0 ? null : body, { status, statusText, headers });
    } catch (error) {
      throw networkError(request, error, signal?.aborted ? this.options.timeoutMs : undefined);
    }
  }

  private remember(response: Response): void {
    const limit = numberHeader(response, 'x-ratelimit-limit');
    const remaining = numberHeader(response, 'x-ratelimit-remaining');
    const reset = numberHeader(response, 'x-ratelimit-reset');
    if (limit === undefined || remaining === undefined || reset === undefined) return;
    this.lastRateLimit = {
      limit,
      remaining,
      reset,
      creditsLimit: numberHeader(response, 'x-credits-limit'),
      creditsRemaining: numberHeader(response, 'x-credits-remaining'),
    };
  }
}

/** `timedOutAfterMs`: the attempt's deadline passed (undefined when something else went wrong). */
function networkError(request: Request, error: unknown, timedOutAfterMs: number | undefined): MemoryNetworkError {
  const target = `${request.method} ${new URL(request.url).origin}`;
  if (timedOutAfterMs !== undefined) {
    return new MemoryNetworkError('TIMEOUT', `${target}: no answer within ${timedOutAfterMs} ms`, { cause: error });
  }
  // fetch throws `TypeError: fetch failed` whose cause says what failed (ECONNREFUSED, ENOTFOUND...).
  // Duck-typed: an error from another realm (a test runner's sandbox) is no `instanceof Error`.
  const reason = messageOf(hasCause(error) ? error.cause : error) ?? String(error);
  return new MemoryNetworkError('NETWORK_ERROR', `${target}: could not reach the API (${reason})`, { cause: error });
}

function hasCause(value: unknown): value is { cause: unknown } {
  return typeof value === 'object' && value !== null && 'cause' in value && value.cause !== undefined;
}

function messageOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string' ? value.message : undefined;
}

/** `Retry-After` in seconds or as an HTTP date; without one, an exponential backoff with jitter. */
function retryDelayMs(response: Response, attempt: number): number {
  const header = response.headers.get('retry-after');
  if (header !== null) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  return BACKOFF_BASE_MS * 2 ** attempt * (0.5 + Math.random() / 2);
}

function numberHeader(response: Response, name: string): number | undefined {
  const value = response.headers.get(name);
  return value === null || value.trim() === '' || !Number.isFinite(Number(value)) ? undefined : Number(value);
}
