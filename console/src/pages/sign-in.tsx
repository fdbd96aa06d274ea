import type { Session } from '@agent-memory/sdk';
import { useState } from 'preact/hooks';
import { ErrorBox } from '../error-box';
import { anonymousClient } from '../session';

/** Sign up or sign in with email and password; the session goes to the caller, never into the URL. */
export function SignIn({ notice, onSignedIn }: { notice?: string; onSignedIn: (session: Session) => void }) {
  const [mode, setMode] = useState<'signin' | 'signup'>('signin');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(form.get('email'));
    const password = String(form.get('password'));
    setBusy(true);
    setError(null);
    try {
      const client = anonymousClient();
      const session =
        mode === 'signup'
          ? await client.auth.register({ email, password, full_name: String(form.get('full_name')) })
          : await client.auth.login({ email, password });
      onSignedIn(session);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="auth">
      <section class="card">
        <h2>{mode === 'signup' ? 'Create your account' : 'Sign in to Agent Memory'}</h2>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <form onSubmit={submit}>
          {mode === 'signup' && (
            <>
              <label for="full_name">Full name</label>
              <input id="full_name" name="full_name" autocomplete="name" required />
            </>
          )}
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="email" required />
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete={mode === 'signup' ? 'new-password' : 'current-password'}
            minLength={mode === 'signup' ? 10 : undefined}
            required
          />
          <ErrorBox error={error} />
          <p class="row">
            <button type="submit" disabled={busy}>
              {mode === 'signup' ? 'Sign up' : 'Sign in'}
            </button>
            <button type="button" class="secondary" onClick={() => setMode(mode === 'signup' ? 'signin' : 'signup')}>
              {mode === 'signup' ? 'I have an account' : 'Create an account'}
            </button>
          </p>
        </form>
      </section>
    </main>
  );
}
