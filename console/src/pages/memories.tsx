import type { Memory, MemoryType, SearchResults } from '@agent-memory/sdk';
import { useEffect, useState } from 'preact/hooks';
import { useConsole, useFailure } from '../context';
import { ErrorBox } from '../error-box';
import { when } from '../format';
import { Modal } from '../modal';

const TYPES: readonly MemoryType[] = ['episodic', 'semantic', 'procedural'];
const PAGE_SIZE = 20;

interface Filters {
  readonly type?: MemoryType;
  readonly metadata?: Record<string, string>;
}

export function MemoriesPage() {
  const { client, environment } = useConsole();
  const [filters, setFilters] = useState<Filters>({});
  const [pages, setPages] = useState<{ items: Memory[]; next: string | null; cursors: (string | undefined)[] }>({
    items: [],
    next: null,
    cursors: [undefined],
  });
  const [results, setResults] = useState<SearchResults['data'] | null>(null);
  const [open, setOpen] = useState<Memory | null>(null);
  const [failure, fail, clear] = useFailure();

  const loadPage = (cursors: (string | undefined)[]) => {
    clear();
    const cursor = cursors.at(-1);
    return fetchPage(cursor)
      .then((page) => setPages({ items: page.data, next: page.next_cursor, cursors }))
      .catch(fail);
  };
  const fetchPage = (cursor: string | undefined) => client.memories.list({ ...filters, limit: PAGE_SIZE }).at(cursor);
  useEffect(() => void loadPage([undefined]), [client, filters]);

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
  };
  const search = (event: SubmitEvent) => {
    event.preventDefault();
    const query = String(new FormData(event.currentTarget as HTMLFormElement).get('query')).trim();
    if (!query) return setResults(null);
    clear();
    client.memories
      .search({ query })
      .then((found) => setResults(found.data))
      .catch(fail);
  };
  const remove = async (memory: Memory) => {
    try {
      await client.memories.delete(memory.id);
      setOpen(null);
      setResults((current) => current?.filter((result) => result.memory.id !== memory.id) ?? null);
      await loadPage(pages.cursors);
    } catch (error) {
      setOpen(null);
      fail(error);
    }
  };

  return (
    <>
      <section class="card">
        <h2>Search {environment} memories</h2>
        <form class="row" onSubmit={search} role="search">
          <div>
            <label for="search-query">Search</label>
            <input id="search-query" name="query" maxLength={1000} placeholder="green tea" />
          </div>
          <button type="submit">Search</button>
        </form>
        {results && (
          <div class="table-wrap">
            <table aria-label="Search results">
              <thead>
                <tr>
                  <th scope="col">Score</th>
                  <th scope="col">Content</th>
                  <th scope="col">Type</th>
                </tr>
              </thead>
              <tbody>
                {results.length === 0 && (
                  <tr>
                    <td colSpan={3} class="muted">
                      Nothing matches.
                    </td>
                  </tr>
                )}
                {results.map(({ memory, score }) => (
                  <tr key={memory.id}>
                    <td>{score.toFixed(2)}</td>
                    <td>
                      <a href="#/memories" onClick={(event) => (event.preventDefault(), setOpen(memory))}>
                        {memory.content}
                      </a>
                    </td>
                    <td>{memory.type}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card">
        <h2>Memories</h2>
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
        <ErrorBox error={failure} />
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
              {pages.items.length === 0 && (
                <tr>
                  <td colSpan={4} class="muted">
                    No memories here yet.
                  </td>
                </tr>
              )}
              {pages.items.map((memory) => (
                <tr key={memory.id}>
                  <td>
                    <a href="#/memories" onClick={(event) => (event.preventDefault(), setOpen(memory))}>
                      {memory.content}
                    </a>
                  </td>
                  <td>{memory.type}</td>
                  <td>
                    {Object.entries(memory.metadata)
                      .map(([key, value]) => `${key}=${String(value)}`)
                      .join(', ')}
                  </td>
                  <td>{when(memory.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="row">
          <button type="button" class="secondary" disabled={pages.cursors.length < 2} onClick={() => loadPage(pages.cursors.slice(0, -1))}>
            Newer
          </button>
          <button
            type="button"
            class="secondary"
            disabled={!pages.next}
            onClick={() => loadPage([...pages.cursors, pages.next ?? undefined])}
          >
            Older
          </button>
        </p>
      </section>
      {open && (
        <Modal title="Memory" onClose={() => setOpen(null)}>
          <p>{open.content}</p>
          <dl>
            <dt>Type</dt>
            <dd>{open.type}</dd>
            <dt>Metadata</dt>
            <dd>{JSON.stringify(open.metadata)}</dd>
            <dt>Created</dt>
            <dd>{when(open.created_at)}</dd>
            <dt>Id</dt>
            <dd>{open.id}</dd>
          </dl>
          <p class="row">
            <button type="button" class="danger" onClick={() => remove(open)}>
              Delete memory
            </button>
            <button type="button" class="secondary" onClick={() => setOpen(null)}>
              Close
            </button>
          </p>
        </Modal>
      )}
    </>
  );
}
