import { auditOperations } from '../handlers/audit';
import { createHandler } from '../handlers/pipeline';
import { dependenciesFromEnvironment } from '../wiring/dependencies';

export const handler = createHandler('audit', auditOperations, dependenciesFromEnvironment);
