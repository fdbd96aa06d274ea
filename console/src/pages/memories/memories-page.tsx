import type { Memory, MemoryType } from '@agent-memory/sdk';
import { useState } from 'preact/hooks';
import { useConsole, useFailure } from '../../context';
import { ErrorBox, Loading } from '../../error-box';
import { Time } from '../../format';
import { useLoad } from '../../load';
import { MemoryDialog } from './memory-dialog';
import { SearchPanel } from './search-panel';

const TYPES: readonly MemoryType[] = ['episodic', 'semantic', 'procedural'];
const PAGE_SIZE = 20;

interface Filters {
  readonly type?: MemoryType;
  readonly metadata?: Record<string, string>;
}

export function MemoriesPage() {
  const { client, environment } = useConsole();
  const [filters, setFilters] = useState<Filters>({});
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = useLoad(() => client.memories.list({ ...filters, limit: PAGE_SIZE }).at(cursors.at(-1)), [client, filters, cursors]);
  const [open, setOpen] = useState<Memory | null>(null);
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [failure, fail, clear] = useFailure();

  const applyFilters = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const type = String(form.get('type'));
    const key = String(form.get('meta-key')).trim();
    const value = String(form.get('meta-value')).trim();
    setFilters({
      ...(TYPES.includes(type as MemoryType) ? { type: type as MemoryType } : {}),
      ...(key ? { metadata: { [key]: value } } : {}),
    });
    setCursors([undefined]);
  };
  const remove = async (memory: Memory) => {
    clear();
    try {
      await client.memories.delete(memory.id);
      setOpen(null);
      setRemoved(new Set([...removed, memory.id]));
      page.reload();
    } catch (error) {
      fail(error);
    }
  };
  const next = page.state.status === 'ready' ? page.state.data.next_cursor : null;

  return (
    <>
      <SearchPanel onOpen={(memory) => (clear(), setOpen(memory))} removed={removed} />
      <section class="card">
        <h2>{environment === 'test' ? 'Test memories' : 'Memories'}</h2>
        <form class="row" onSubmit={applyFilters}>
          <div>
            <label for="filter-type">Type</label>
            <select id="filter-type" name="type">
              <option value="">Any</option>
              {TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="filter-key">Metadata key</label>
            <input id="filter-key" name="meta-key" placeholder="source" />
          </div>
          <div>
            <label for="filter-value">Metadata value</label>
            <input id="filter-value" name="meta-value" placeholder="chat" />
          </div>
          <button type="submit">Filter</button>
        </form>
        {page.state.status === 'loading' && <Loading what="memories" />}
        {page.state.status === 'error' && <ErrorBox error={page.state.error} onRetry={page.reload} />}
        {page.state.status === 'ready' && (
          <MemoryTable
            memories={page.state.data.data}
            filtered={Boolean(filters.type || filters.metadata)}
            onOpen={(memory) => (clear(), setOpen(memory))}
          />
        )}
        <p class="row">
          <button type="button" class="secondary" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer
          </button>
          <button type="button" class="secondary" disabled={!next} onClick={() => setCursors([...cursors, next ?? undefined])}>
            Older
          </button>
        </p>
      </section>
      {open && <MemoryDialog key={open.id} memory={open} failure={failure} onClose={() => setOpen(null)} onDelete={() => remove(open)} />}
    </>
  );
}

function MemoryTable({ memories, filtered, onOpen }: { memories: readonly Memory[]; filtered: boolean; onOpen: (memory: Memory) => void }) {
  if (memories.length === 0)
    return (
      <p class="empty">
        {filtered ? 'No memory matches these filters.' : 'No memories here yet. Store one with a key of this environment.'}
      </p>
    );
  return (
    <div class="table-wrap">
      <table aria-label="Memories">
        <thead>
          <tr>
            <th scope="col">Content</th>
            <th scope="col">Type</th>
            <th scope="col">Metadata</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {memories.map((memory) => (
            <tr key={memory.id}>
              <td>
                <a href="#/memories" onClick={(event) => (event.preventDefault(), onOpen(memory))}>
                  {memory.content}
                </a>
              </td>
              <td>{memory.type}</td>
              <td>
                {Object.entries(memory.metadata)
                  .map(([key, value]) => `${key}=${String(value)}`)
                  .join(', ')}
              </td>
              <td>
                <Time past iso={memory.created_at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
