import { mcpMessages, mcpStream } from './server';
import type { Operations } from '../handlers/pipeline';

export const mcpOperations: Operations<'mcp'> = { mcpMessages, mcpStream };
