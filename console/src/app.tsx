import { useEffect, useMemo, useState } from 'preact/hooks';
import { Console } from './context';
import { SignIn } from './pages/sign-in';
import { KeysPage } from './pages/keys';
import { UsagePage } from './pages/usage';
import { MemoriesPage } from './pages/memories';
import { ActivityPage } from './pages/activity';
import { forgetToken, ownerClient, storeEnvironment, storedEnvironment, storedToken, storeToken, type Environment } from './session';

const PAGES = {
  keys: { title: 'API keys', Page: KeysPage },
  usage: { title: 'Usage', Page: UsagePage },
  memories: { title: 'Memories', Page: MemoriesPage },
  activity: { title: 'Activity', Page: ActivityPage },
} as const;
type PageName = keyof typeof PAGES;

const pageFromHash = (): PageName => {
  const name = location.hash.replace(/^#\/?/, '');
  return name in PAGES ? (name as PageName) : 'keys';
};

export function App() {
  const [token, setToken] = useState(storedToken());
  const [notice, setNotice] = useState<string | undefined>();
  const [environment, setEnvironment] = useState<Environment>(storedEnvironment());
  const [page, setPage] = useState<PageName>(pageFromHash());

  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `${PAGES[page].title} · Agent Memory console`;
  }, [page]);

  const context = useMemo(
    () =>
      token
        ? {
            client: ownerClient(token, environment),
            environment,
            signOut: (message?: string) => {
              forgetToken();
              setNotice(message);
              setToken(null);
            },
          }
        : null,
    [token, environment],
  );

  if (!context) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(accessToken) => {
          storeToken(accessToken);
          setNotice(undefined);
          setToken(accessToken);
        }}
      />
    );
  }
  const { Page, title } = PAGES[page];
  const chooseEnvironment = (next: Environment) => {
    storeEnvironment(next);
    setEnvironment(next);
  };
  return (
    <Console.Provider value={context}>
      <header class="top">
        <h1>Agent Memory</h1>
        <nav class="tabs" aria-label="Console pages">
          {(Object.keys(PAGES) as PageName[]).map((name) => (
            <a key={name} href={`#/${name}`} aria-current={name === page ? 'page' : undefined}>
              {PAGES[name].title}
            </a>
          ))}
        </nav>
        <div class="row">
          <div class="env-switch" role="group" aria-label="Environment">
            {(['live', 'test'] as const).map((name) => (
              <button key={name} type="button" class={name} aria-pressed={environment === name} onClick={() => chooseEnvironment(name)}>
                {name === 'live' ? 'Live' : 'Test'}
              </button>
            ))}
          </div>
          <button type="button" class="secondary" onClick={() => context.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main>
        <h2 class="sr-only">{title}</h2>
        <Page key={`${page}-${environment}`} />
      </main>
    </Console.Provider>
  );
}
