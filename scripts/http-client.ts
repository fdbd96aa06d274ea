/** A small fetch wrapper for the API, shared by the operator scripts and the tests. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies
  readonly json: any;
  readonly text: string;
}

export type ApiCall = (
  method: string,
  path: string,
  options?: { body?: unknown; raw?: string; headers?: Record<string, string> },
) => Promise<ApiResponse>;

export function apiCaller(base: string): ApiCall {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(base + path, { method, headers, body });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: response.status, headers: response.headers, json, text };
  };
}

export const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });
