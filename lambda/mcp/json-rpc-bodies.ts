import * as z from 'zod/mini';

/**
 * What `POST /v1/mcp` takes and answers, for the OpenAPI document: JSON-RPC 2.0 messages as MCP's
 * Streamable HTTP transport carries them (the SDK checks them at run time; these only describe them).
 */
const id = z.union([z.string(), z.int()]);
const jsonrpc = z.literal('2.0');

const JsonRpcRequestBody = z.looseObject({
  jsonrpc,
  id: z.optional(id).check(z.meta({ description: 'Absent for a notification, which gets no answer' })),
  method: z.string().check(z.meta({ description: '`initialize`, `tools/list`, `tools/call`, `ping`, `notifications/initialized`, ...' })),
  params: z.optional(z.record(z.string(), z.unknown())),
});

export const McpRequestBody = z.union([JsonRpcRequestBody, z.array(JsonRpcRequestBody)]);

const JsonRpcResultBody = z.strictObject({ jsonrpc, id, result: z.record(z.string(), z.unknown()) });

export const JsonRpcErrorBody = z.strictObject({
  jsonrpc,
  id: z.nullable(id),
  error: z.strictObject({
    code: z.int().check(
      z.meta({
        description: '-32700 parse error, -32600 invalid request, -32601 unknown method, -32602 invalid params, -32603 internal',
      }),
    ),
    message: z.string(),
    data: z.optional(z.unknown()),
  }),
});

const JsonRpcResponseBody = z.union([JsonRpcResultBody, JsonRpcErrorBody]);

export const McpResponseBody = z.union([JsonRpcResponseBody, z.array(JsonRpcResponseBody)]);
