import { mcpMessages, mcpStream } from '../mcp/server';
import { servicesFromEnvironment } from '../services/services';
import { createHandler, type Operations } from './pipeline';

export const mcpOperations: Operations<'mcp'> = { mcpMessages, mcpStream };

export const handler = createHandler('mcp', mcpOperations, servicesFromEnvironment);
