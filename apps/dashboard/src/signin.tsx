import { useEffect, useState, type FormEvent } from 'react';
import { finishOidcSignIn, oidcConfig, startOidcSignIn, whoIs, type OidcConfig } from './oidc';
import { unexpired, useSession } from './session';

interface DevPerson {
  readonly id: string;
  readonly roles: readonly string[];
  readonly team: string | null;
}

/**
 * With an identity provider: sign in there (authorization code + PKCE). Embedded mode: pick a development person.
 * Everywhere: paste a token (npm run token, or one from the identity provider).
 */
export function SignIn() {
  const { signIn, signInAs, notice } = useSession();
  const [oidc, setOidc] = useState<OidcConfig | null>(null);
  const [returning, setReturning] = useState(() => new URLSearchParams(window.location.search).has('code'));
  const [people, setPeople] = useState<readonly DevPerson[] | null>(null);
  const [picked, setPicked] = useState('');
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  /** A token the API must map (identity-provider roles): ask it who the token is. */
  const signInVerified = async (token: string): Promise<string | null> => {
    const person = await whoIs(token);
    if ('error' in person) return person.error;
    signInAs(token, person);
    return null;
  };

  useEffect(() => {
    void oidcConfig().then(setOidc);
    void finishOidcSignIn()
      .then(async (answer) => {
        if (!answer) return;
        setProblem('error' in answer ? answer.error : await signInVerified(answer.token));
      })
      .finally(() => setReturning(false));
    // Once per page load: the answer in the address is consumed (and removed) by the first call.
  }, []);

  useEffect(() => {
    fetch('/app/session/dev-people')
      .then((r) => (r.ok ? (r.json() as Promise<DevPerson[]>) : []))
      .then((list) => {
        setPeople(list);
        if (list[0]) setPicked(list[0].id);
      })
      .catch(() => setPeople([]));
  }, []);

  const asDev = async (event: FormEvent) => {
    event.preventDefault();
    const response = await fetch('/app/session/dev-token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: picked }) });
    if (!response.ok) return setProblem('Development sign-in was refused.');
    const { token } = (await response.json()) as { token: string };
    setProblem(signIn(token));
  };
  const withToken = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = pasted.trim().replace(/^Bearer\s+/i, '');
    const local = signIn(trimmed);
    // Not a development token the app can read: an identity-provider token, if the API accepts it.
    setProblem(local && trimmed.split('.').length === 3 && unexpired(trimmed) ? await signInVerified(trimmed) : local);
  };
  const withProvider = async () => {
    if (!oidc) return;
    try {
      await startOidcSignIn(oidc);
    } catch (error) {
      setProblem(`Could not reach the identity provider: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <main id="main" className="signin">
      <h1>Rapport dashboard</h1>
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      {problem ? <p className="error" role="alert">{problem}</p> : null}
      {returning ? <p className="muted" role="status">Signing you in…</p> : null}
      {oidc ? (
        <section className="panel" aria-labelledby="oidc-title">
          <h2 id="oidc-title">Company account</h2>
          <p className="small muted">Signs you in with your company&apos;s identity provider ({new URL(oidc.issuer).host}).</p>
          <button type="button" onClick={() => void withProvider()}>
            Sign in with your company account
          </button>
        </section>
      ) : null}
      {people && people.length > 0 ? (
        <form onSubmit={asDev} className="panel">
          <fieldset>
            <legend>Sign in as a development person</legend>
            {people.map((p) => (
              <label key={p.id} className="choice">
                <input type="radio" name="person" value={p.id} checked={picked === p.id} onChange={() => setPicked(p.id)} />
                {p.id} <span className="muted">({p.roles.join(', ')}{p.team ? `, team ${p.team}` : ''})</span>
              </label>
            ))}
          </fieldset>
          <button type="submit">Sign in</button>
        </form>
      ) : null}
      <form onSubmit={withToken} className="panel">
        <label htmlFor="token">Or paste a bearer token</label>
        <textarea id="token" rows={3} value={pasted} onChange={(e) => setPasted(e.target.value)} autoComplete="off" spellCheck={false} />
        <button type="submit">Sign in with token</button>
      </form>
    </main>
  );
}
