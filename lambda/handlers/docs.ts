// The committed document, bundled as JSON: test/unit/openapi-document.test.ts fails when it differs from what the route table and schemas generate.
import openApiDocument from '../../docs/openapi.json';
import type { Operations } from './pipeline';

export const docsOperations: Operations<'docs'> = {
  openApiDocument: async () => ({ status: 200, body: openApiDocument, headers: { 'Cache-Control': 'public, max-age=300' } }),
};
