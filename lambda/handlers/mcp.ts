import { mcpMessages, mcpStream } from '../mcp/server';
import type { Operations } from './pipeline';

export const mcpOperations: Operations<'mcp'> = { mcpMessages, mcpStream };
