export { MemoryClient } from './client.js';
export type {
  ApiKey,
  AuditEvent,
  CreateApiKeyInput,
  CreateMemoryInput,
  CreatedApiKey,
  KeyUsage,
  KeyUsageQuery,
  ListApiKeysQuery,
  ListAuditEventsQuery,
  ListMemoriesQuery,
  LoginInput,
  Memory,
  MemoryClientOptions,
  MemoryType,
  RegisterInput,
  RotateApiKeyInput,
  SearchMemoriesInput,
  SearchResults,
  Session,
  UpdateMemoryInput,
  Usage,
  UsageReport,
  UsageReportQuery,
} from './client.js';
export { MemoryApiError, MemoryNetworkError, type ErrorDetail } from './errors.js';
export { PagePromise, type Page } from './pages.js';
export type { RateLimit } from './transport.js';
export type { components, operations, paths } from './generated/openapi.js';
