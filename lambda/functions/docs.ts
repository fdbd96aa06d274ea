import { docsOperations } from '../handlers/docs';
import { createHandler } from '../handlers/pipeline';
import { servicesFromEnvironment } from '../services/services';

export const handler = createHandler('docs', docsOperations, servicesFromEnvironment);
