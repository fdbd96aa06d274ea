import type { Environment } from './environments';

export const MEMORY_TYPES = ['episodic', 'semantic', 'procedural', 'working'] as const;
export type MemoryType = (typeof MEMORY_TYPES)[number];
export type MetadataValue = string | number | boolean;

export interface Memory {
  readonly id: string;
  readonly content: string;
  readonly type: MemoryType;
  readonly metadata: Record<string, MetadataValue>;
  readonly environment: Environment;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One tenant's environment: its memories share a partition, and no request sees another's. */
export interface Sandbox {
  readonly tenantId: string;
  readonly environment: Environment;
}
