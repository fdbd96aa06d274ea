import { mcpOperations } from '../handlers/mcp';
import { createHandler } from '../handlers/pipeline';
import { servicesFromEnvironment } from '../services/services';

export const handler = createHandler('mcp', mcpOperations, servicesFromEnvironment);
