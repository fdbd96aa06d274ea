import type { Memory, SearchResults } from '@agent-memory/sdk';
import { useState } from 'preact/hooks';
import { useConsole, useFailure } from '../../context';
import { ErrorBox, Loading } from '../../error-box';

type Results = SearchResults['data'];

/** Search of the environment's memories; `removed` drops a memory deleted from its dialog. */
export function SearchPanel({ onOpen, removed }: { onOpen: (memory: Memory) => void; removed: ReadonlySet<string> }) {
  const { client, environment } = useConsole();
  const [results, setResults] = useState<Results | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, fail, clear] = useFailure();
  const search = (event: SubmitEvent) => {
    event.preventDefault();
    const query = String(new FormData(event.currentTarget as HTMLFormElement).get('query')).trim();
    if (!query) return setResults(null);
    clear();
    setBusy(true);
    client.memories
      .search({ query })
      .then((found) => setResults(found.data))
      .catch(fail)
      .finally(() => setBusy(false));
  };
  const shown = results?.filter((result) => !removed.has(result.memory.id)) ?? null;
  return (
    <section class="card">
      <h2>Search {environment} memories</h2>
      <form class="search-form" onSubmit={search} role="search">
        <label for="search-query">Search</label>
        <div class="search-line">
          <input id="search-query" name="query" type="search" maxLength={1000} placeholder="What does the user like to drink?" />
          <button type="submit" disabled={busy}>
            Search
          </button>
        </div>
        <p class="muted hint">
          Each result has a score from 0 to 1: how closely the memory matches your words, best first. Compare scores within one search, not
          across searches; memories that share nothing with the query are not listed.
        </p>
      </form>
      <ErrorBox error={failure} />
      {busy && <Loading what="results" />}
      {!busy && shown && (
        <div class="table-wrap">
          <table aria-label="Search results">
            <thead>
              <tr>
                <th scope="col" title="0 to 1, higher is a closer match">
                  Score
                </th>
                <th scope="col">Content</th>
                <th scope="col">Type</th>
              </tr>
            </thead>
            <tbody>
              {shown.length === 0 && (
                <tr>
                  <td colSpan={3} class="empty">
                    Nothing matches.
                  </td>
                </tr>
              )}
              {shown.map(({ memory, score }) => (
                <tr key={memory.id}>
                  <td>{score.toFixed(2)}</td>
                  <td>
                    <a href="#/memories" onClick={(event) => (event.preventDefault(), onOpen(memory))}>
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
  );
}
