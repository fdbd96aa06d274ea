import { ApiError } from '../http/errors';
import type { AuthenticatedRequest, Request } from './request';
import { assertOwnTenant } from './tenant-guard';

export const MAX_BODY_BYTES = 64 * 1024;

/** JSON, or a JSON subtype such as application/merge-patch+json; a charset, when named, must be UTF-8. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** A body must be at most 64 KiB of JSON: another media type is 415, whatever it holds. */
export function assertBodyAcceptable(request: Request): void {
  if (!request.rawBody) return;
  if (Buffer.byteLength(request.rawBody) > MAX_BODY_BYTES) {
    throw new ApiError('PAYLOAD_TOO_LARGE', `The request body is over ${MAX_BODY_BYTES / 1024} KiB`);
  }
  const contentType = request.headers['content-type'];
  if (!JSON_MEDIA_TYPE.test(contentType ?? '')) {
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      contentType === undefined
        ? 'Send the body with Content-Type: application/json'
        : `A body of type ${contentType.slice(0, 100)} is not accepted; send application/json`,
    );
  }
}

/** Parses the JSON body; malformed JSON or a missing body is a VALIDATION_ERROR. */
export function jsonBody(request: Request, required = true): unknown {
  if (!request.rawBody) {
    if (!required) return {};
    throw new ApiError('VALIDATION_ERROR', 'A JSON body is required', [{ field: '(body)', issue: 'missing' }]);
  }
  try {
    return JSON.parse(request.rawBody) as unknown;
  } catch {
    throw new ApiError('VALIDATION_ERROR', 'The request body is not valid JSON', [{ field: '(body)', issue: 'malformed JSON' }]);
  }
}

/** Parses the JSON body of an authenticated request, refusing another tenant's id in it before anything else is looked at. */
export function readTenantBody(request: AuthenticatedRequest, required = true): unknown {
  const raw = jsonBody(request, required);
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) assertOwnTenant(request.principal, raw as Record<string, unknown>);
  return raw;
}
