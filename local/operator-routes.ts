import type { IncomingMessage, ServerResponse } from 'node:http';
import { changeTier, gatewayKeyReport, migrateTier } from '../lambda/gateway-keys';
import { reindexWithDependencies } from '../lambda/search/reindex';
import type { Dependencies } from '../lambda/wiring/dependencies';
import { isEnvironment } from '../lambda/domain/environments';
import { OPERATOR_TOKEN_FILE, isLoopbackHost, isOperatorToken } from './operator-token';

/** Not part of the API: the local stand-ins for the operator's commands (`npm run set-tier`, `npm run gateway-keys`). */
export const LOCAL_TIER_CHANGE_PATH = '/_local/operator/tier';
export const LOCAL_GATEWAY_KEYS_PATH = '/_local/operator/gateway-keys';
export const LOCAL_REINDEX_PATH = '/_local/operator/reindex';

/** The local gateway's operator routes, answered before anything of the API's. */
export class OperatorRoutes {
  constructor(
    private readonly deps: Dependencies,
    private readonly operatorToken: string,
  ) {}

  /** Answers a request for an operator route; false when the request is for another path. */
  async answer(method: string, path: string, req: IncomingMessage, body: Buffer, res: ServerResponse, requestId: string): Promise<boolean> {
    if (method === 'POST' && path === LOCAL_TIER_CHANGE_PATH) await this.changeTier(req, body, res, requestId);
    else if (method === 'GET' && path === LOCAL_GATEWAY_KEYS_PATH) await this.reportGatewayKeys(req, res, requestId);
    else if (method === 'POST' && path === LOCAL_REINDEX_PATH) await this.reindex(req, body, res, requestId);
    else return false;
    return true;
  }

  /**
   * The operator's tier change, reachable only on this loopback server with the local operator token
   * (in AWS the same function runs from `npm run set-tier` with the operator's IAM credentials).
   */
  private async changeTier(req: IncomingMessage, body: Buffer, res: ServerResponse, requestId: string): Promise<void> {
    const refuse = (status: number, reason: string) => operatorAnswer(res, requestId, status, { ok: false, reason });
    if (this.refusesOperator(req, res, requestId)) return;
    // A JSON content type cannot be sent cross-site without a preflight this server never answers.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refuse(415, 'send Content-Type: application/json');
    let input: { tenantId?: unknown; fromTier?: unknown; tier?: unknown } = {};
    try {
      input = JSON.parse(body.toString('utf8') || '{}') as typeof input;
    } catch {
      input = {};
    }
    const result =
      typeof input.tier !== 'string'
        ? { ok: false as const, reason: 'give tier, and tenantId or fromTier' }
        : typeof input.fromTier === 'string'
          ? await migrateTier(this.deps, input.fromTier, input.tier)
          : typeof input.tenantId === 'string'
            ? await changeTier(this.deps, input.tenantId, input.tier)
            : { ok: false as const, reason: 'give tier, and tenantId or fromTier' };
    operatorAnswer(res, requestId, result.ok ? 200 : 400, result);
  }

  /** `npm run reindex` against this server: rebuilds one sandbox's search indexes. */
  private async reindex(req: IncomingMessage, body: Buffer, res: ServerResponse, requestId: string): Promise<void> {
    if (this.refusesOperator(req, res, requestId)) return;
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      return operatorAnswer(res, requestId, 415, { ok: false, reason: 'send Content-Type: application/json' });
    let input: { tenantId?: unknown; environment?: unknown } = {};
    try {
      input = JSON.parse(body.toString('utf8') || '{}') as typeof input;
    } catch {
      input = {};
    }
    if (typeof input.tenantId !== 'string' || !isEnvironment(input.environment))
      return operatorAnswer(res, requestId, 400, { ok: false, reason: 'give tenantId and environment (live or test)' });
    const result = await reindexWithDependencies(this.deps, { tenantId: input.tenantId, environment: input.environment });
    operatorAnswer(res, requestId, 200, { ok: true, ...result });
  }

  /** `npm run gateway-keys -- report` against this server: the stack's and the account's API keys. */
  private async reportGatewayKeys(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    if (this.refusesOperator(req, res, requestId)) return;
    operatorAnswer(res, requestId, 200, await gatewayKeyReport(this.deps));
  }

  /**
   * The operator routes answer only a loopback Host (a page elsewhere that rebinds its DNS name to
   * this machine still sends its own) with the local operator token; true when it refused.
   */
  private refusesOperator(req: IncomingMessage, res: ServerResponse, requestId: string): boolean {
    if (!isLoopbackHost(req.headers.host)) {
      operatorAnswer(res, requestId, 403, { ok: false, reason: 'the operator routes answer only to a loopback Host' });
      return true;
    }
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!isOperatorToken(bearer, this.operatorToken)) {
      const reason = `send the local operator token (${OPERATOR_TOKEN_FILE} in the data folder) as Authorization: Bearer`;
      operatorAnswer(res, requestId, 401, { ok: false, reason });
      return true;
    }
    return false;
  }
}

function operatorAnswer(res: ServerResponse, requestId: string, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': requestId });
  res.end(`${JSON.stringify(body)}\n`);
}
