import { render } from 'velocityjs';
import {
  GATEWAY_RESPONSES,
  gatewayResponseHeaders,
  gatewayResponseTemplate,
  type GatewayResponseDef,
  type GatewayResponseType,
} from '../lambda/shared/gateway-responses';

/** API Gateway's own status for each response type (DEFAULT_4XX/5XX have none: they keep the status of the response they stand for). */
export const AWS_GATEWAY_RESPONSE_STATUS: Readonly<Record<string, number>> = {
  ACCESS_DENIED: 403,
  API_CONFIGURATION_ERROR: 500,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  AUTHORIZER_FAILURE: 500,
  BAD_REQUEST_PARAMETERS: 400,
  BAD_REQUEST_BODY: 400,
  EXPIRED_TOKEN: 403,
  INTEGRATION_FAILURE: 504,
  INTEGRATION_TIMEOUT: 504,
  INVALID_API_KEY: 403,
  INVALID_SIGNATURE: 403,
  MISSING_AUTHENTICATION_TOKEN: 403,
  QUOTA_EXCEEDED: 429,
  REQUEST_TOO_LARGE: 413,
  RESOURCE_NOT_FOUND: 404,
  THROTTLED: 429,
  UNAUTHORIZED: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WAF_FILTERED: 403,
};

/** The response types API Gateway answers with (DEFAULT_4XX/5XX are customisations, never raised themselves). */
export type AwsGatewayResponseType =
  Exclude<GatewayResponseType, 'DEFAULT_4XX' | 'DEFAULT_5XX'> | 'AUTHORIZER_FAILURE' | 'INTEGRATION_FAILURE' | 'UNSUPPORTED_MEDIA_TYPE';

/** What `$context` holds when API Gateway renders a gateway response (the part the local gateway knows). */
export interface GatewayResponseContext {
  readonly requestId: string;
  readonly accountId: string;
  readonly apiId: string;
  readonly stage: string;
  readonly httpMethod: string;
  readonly path: string;
  readonly resourcePath?: string;
  readonly sourceIp: string;
  /** The authorizer's context (a Deny's included), values as API Gateway passes them: strings. */
  readonly authorizer?: Readonly<Record<string, unknown>> | null;
  readonly errorMessage: string;
}

export interface RenderedGatewayResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Renders a gateway response as API Gateway does: the type's own customisation, or else the
 * DEFAULT_4XX/DEFAULT_5XX one, with the type's status unless the customisation sets one; the
 * body from the deployed VTL template, the headers from the deployed literal mappings.
 */
export function renderGatewayResponse(
  type: AwsGatewayResponseType,
  context: GatewayResponseContext,
  responses: readonly GatewayResponseDef[] = GATEWAY_RESPONSES,
): RenderedGatewayResponse {
  const ownStatus = AWS_GATEWAY_RESPONSE_STATUS[type];
  if (ownStatus === undefined) throw new Error(`no API Gateway status for response type ${type}`);
  const own = responses.find((response) => response.type === type);
  const fallback = responses.find((response) => response.type === (ownStatus >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX'));
  const definition = own ?? fallback;
  if (!definition)
    return {
      status: ownStatus,
      headers: { 'Content-Type': 'application/json' },
      body: `{"message":${JSON.stringify(context.errorMessage)}}`,
    };
  return {
    status: own?.status ?? ownStatus,
    headers: { 'Content-Type': 'application/json', ...literalHeaders(gatewayResponseHeaders(definition)) },
    body: renderTemplate(gatewayResponseTemplate(definition), { ...context, responseType: type }),
  };
}

/** Renders a template with API Gateway's `$context` and `$util` (the helper the stack test uses on the synthesized templates too). */
export function renderTemplate(template: string, context: GatewayResponseContext & { readonly responseType: string }): string {
  return render(template, {
    context: {
      requestId: context.requestId,
      extendedRequestId: context.requestId,
      accountId: context.accountId,
      apiId: context.apiId,
      stage: context.stage,
      httpMethod: context.httpMethod,
      path: context.path,
      resourcePath: context.resourcePath ?? '',
      identity: { sourceIp: context.sourceIp },
      authorizer: Object.fromEntries(Object.entries(context.authorizer ?? {}).map(([key, value]) => [key, String(value)])),
      error: {
        message: context.errorMessage,
        messageString: JSON.stringify(context.errorMessage),
        responseType: context.responseType,
      },
    },
    util: { escapeJavaScript: (value: unknown) => new JavaString(escapeJavaScript(String(value))) },
  });
}

/** Header mappings: API Gateway accepts quoted literals (and request or context references the local gateway does not need). */
function literalHeaders(mappings: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(mappings).map(([name, mapping]) => {
      const literal = /^'(.*)'$/s.exec(mapping);
      if (!literal) throw new Error(`gateway response header ${name}: only quoted literal values are emulated (got ${mapping})`);
      return [name, literal[1] ?? ''];
    }),
  );
}

/**
 * Java's escaping of a string with JavaScript string rules, as API Gateway's `$util.escapeJavaScript`
 * does (Apache Commons Lang): quotes, backslash and slash are escaped, control characters become
 * `\b \t \n \f \r` or `\u00XX`, and every character above 0x7F becomes `\uXXXX` (upper-case hex).
 * A single quote becomes `\'`, which is not valid JSON: templates turn it back with replaceAll.
 */
export function escapeJavaScript(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const char = text.charAt(index);
    if (code > 0x7f) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else if (code < 0x20) out += CONTROL_ESCAPES[code] ?? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += QUOTED[char] ?? char;
  }
  return out;
}

const CONTROL_ESCAPES: Readonly<Record<number, string>> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
const QUOTED: Readonly<Record<string, string>> = { "'": "\\'", '"': '\\"', '\\': '\\\\', '/': '\\/' };

/**
 * A Java string in a template: VTL calls Java's String methods, whose `replaceAll` takes a regular
 * expression (JavaScript's takes a plain string), so `replaceAll("\\'","'")` works as on AWS.
 */
class JavaString {
  constructor(private readonly value: string) {}

  replaceAll(regex: string, replacement: string): JavaString {
    const javaReplacement = replacement.replace(/\\(.)/g, '$1').replace(/\$(?!\d)/g, '$$$$');
    return new JavaString(this.value.replace(new RegExp(regex, 'g'), javaReplacement));
  }

  toString(): string {
    return this.value;
  }
}
