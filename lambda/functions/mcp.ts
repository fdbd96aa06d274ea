import { mcpOperations } from '../mcp/mcp-operations';
import { createHandler } from '../handlers/pipeline';
import { dependenciesFromEnvironment } from '../wiring/dependencies';

export const handler = createHandler('mcp', mcpOperations, dependenciesFromEnvironment);
