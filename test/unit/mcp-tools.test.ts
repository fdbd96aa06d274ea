import { describe, expect, it } from '@jest/globals';
import * as z from 'zod/mini';
import { CreateBody, SearchBody, UpdateBody } from '../../lambda/handlers/memories';
import { inputSchemaOf, routeOf, scopeOf, TOOLS } from '../../lambda/mcp/tools';
import { ROUTES } from '../../lambda/shared/routes';

const tool = (name: string) => {
  const found = TOOLS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
};

/** The properties of a handler's schema as a client sends them, less the tenant id fields. */
function handlerProperties(schema: z.core.$ZodType): Record<string, unknown> {
  const { properties } = z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, unknown> };
  const { tenant_id: _snake, tenantId: _camel, ...rest } = properties;
  return rest;
}

describe('MCP tools', () => {
  it('mirror every memory route and the usage route, one tool each', () => {
    // Act
    const mirrored = TOOLS.map((candidate) => routeOf(candidate).operation).sort();

    // Assess
    const memoryRoutes = ROUTES.filter((route) => route.handler === 'memories').map((route) => route.operation);
    expect(mirrored).toEqual([...memoryRoutes, 'tenantUsage'].sort());
  });

  it('take their input schemas from the schemas the route handlers validate with', () => {
    // Act
    const store = inputSchemaOf(tool('store_memory'));
    const search = inputSchemaOf(tool('search_memories'));
    const update = inputSchemaOf(tool('update_memory'));

    // Assess
    expect(store.properties).toEqual(handlerProperties(CreateBody));
    expect(search.properties).toEqual(handlerProperties(SearchBody));
    expect(update.properties).toEqual({ id: expect.objectContaining({ type: 'string' }), ...handlerProperties(UpdateBody) });
    expect(update.required).toEqual(['id']);
  });

  it('need the scope of the route they mirror', () => {
    // Act
    const scopes = Object.fromEntries(TOOLS.map((candidate) => [candidate.name, scopeOf(candidate) ?? null]));

    // Assess
    expect(scopes).toEqual({
      store_memory: 'memories:write',
      search_memories: 'memories:read',
      list_memories: 'memories:read',
      get_memory: 'memories:read',
      update_memory: 'memories:write',
      delete_memory: 'memories:delete',
      get_usage: null,
    });
  });
});
