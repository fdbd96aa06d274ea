import { docsOperations } from '../handlers/docs';
import { createHandler } from '../handlers/pipeline';
import { dependenciesFromEnvironment } from '../wiring/dependencies';

export const handler = createHandler('docs', docsOperations, dependenciesFromEnvironment);
