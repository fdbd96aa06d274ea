import { useEffect, useMemo, useState } from 'preact/hooks';
import { Console } from './context';
import { Header } from './header';
import { SignIn } from './pages/sign-in';
import { KeysPage } from './pages/keys/keys-page';
import { UsagePage } from './pages/usage';
import { MemoriesPage } from './pages/memories/memories-page';
import { ActivityPage } from './pages/activity';
import {
  forgetToken,
  ownerClient,
  storeEnvironment,
  storedEnvironment,
  storedToken,
  storedUser,
  storeSession,
  type Environment,
} from './session';

const PAGES = {
  keys: { title: 'API keys', Page: KeysPage },
  usage: { title: 'Usage', Page: UsagePage },
  memories: { title: 'Memories', Page: MemoriesPage },
  activity: { title: 'Activity', Page: ActivityPage },
} as const;
type PageName = keyof typeof PAGES;
const TABS = (Object.keys(PAGES) as PageName[]).map((name) => ({ name, title: PAGES[name].title }));

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
    const title = token ? PAGES[page].title : 'Sign in';
    document.title = `${title}${token && environment === 'test' ? ' (test)' : ''} · Agent Memory console`;
  }, [page, token, environment]);

  const context = useMemo(
    () =>
      token
        ? {
            client: ownerClient(token, environment),
            environment,
            user: storedUser(),
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
        onSignedIn={(session) => {
          storeSession(session);
          setNotice(undefined);
          setToken(session.access_token);
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
      <Header
        key={token}
        client={context.client}
        user={context.user}
        tabs={TABS}
        page={page}
        environment={environment}
        onEnvironment={chooseEnvironment}
        onSignOut={() => context.signOut()}
      />
      <main>
        <h2 class="sr-only">{title}</h2>
        <Page key={`${page}-${environment}`} />
      </main>
    </Console.Provider>
  );
}
