import { authOperations } from '../handlers/auth';
import { createHandler } from '../handlers/pipeline';
import { dependenciesFromEnvironment } from '../wiring/dependencies';

export const handler = createHandler('auth', authOperations, dependenciesFromEnvironment);
