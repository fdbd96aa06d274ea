/**
 * Powertools Tracer and the X-Ray SDK under it, loaded by tracing.ts only when tracing is on. The
 * authorizer ships it as a file of its own beside index.js (lib/bundle-options.ts), so its cold
 * start with tracing off never parses the X-Ray SDK.
 */
export { Tracer } from '@aws-lambda-powertools/tracer';
