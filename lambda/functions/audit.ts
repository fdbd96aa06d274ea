import { auditOperations } from '../handlers/audit';
import { createHandler } from '../handlers/pipeline';
import { servicesFromEnvironment } from '../services/services';

export const handler = createHandler('audit', auditOperations, servicesFromEnvironment);
