import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Role = 'rep' | 'manager' | 'auditor' | 'admin' | 'service' | string;

export interface Person {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly team?: string;
}

interface SessionValue {
  readonly token: string | null;
  readonly person: Person | null;
  readonly notice: string | null;
  readonly signIn: (token: string) => string | null;
  /** A token whose person the API told us (`GET /app/session/me`): identity-provider tokens carry roles the app cannot map. */
  readonly signInAs: (token: string, person: Person) => void;
  readonly signOut: (notice?: string) => void;
}

const KEY = 'rapport.dashboard.token';
const PERSON_KEY = 'rapport.dashboard.person';
const Session = createContext<SessionValue | null>(null);

/** A JWT's claims, unverified (the API verifies the token on every call; the app only chooses its menu). */
export function claimsOf(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Whether a token has not expired yet (`exp`); a token without one is the API's to refuse. */
export const unexpired = (token: string): boolean => {
  const exp = claimsOf(token)?.['exp'];
  return !(typeof exp === 'number' && exp * 1000 < Date.now());
};

/** Reads who a development token speaks for, only to choose the menu: the API checks the token on every call. */
export function personOf(token: string): Person | null {
  const claims = claimsOf(token);
  if (!claims || typeof claims['sub'] !== 'string' || !Array.isArray(claims['roles']) || !unexpired(token)) return null;
  return { id: claims['sub'], roles: claims['roles'].map(String), team: typeof claims['team'] === 'string' ? claims['team'] : undefined };
}

function keptPerson(token: string): Person | null {
  if (!unexpired(token)) return null;
  try {
    const person = JSON.parse(sessionStorage.getItem(PERSON_KEY) ?? 'null') as Person | null;
    return person && typeof person.id === 'string' && Array.isArray(person.roles) ? person : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  // sessionStorage: the token is gone when the tab closes, and never travels in a URL.
  const [session, setSession] = useState<{ token: string; person: Person } | null>(() => {
    const kept = sessionStorage.getItem(KEY);
    const person = kept ? (personOf(kept) ?? keptPerson(kept)) : null;
    return kept && person ? { token: kept, person } : null;
  });
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = useCallback((candidate: string): string | null => {
    const trimmed = candidate.trim().replace(/^Bearer\s+/i, '');
    const person = personOf(trimmed);
    if (!person) return 'That is not a valid, unexpired Rapport token.';
    sessionStorage.setItem(KEY, trimmed);
    sessionStorage.removeItem(PERSON_KEY);
    setNotice(null);
    setSession({ token: trimmed, person });
    return null;
  }, []);

  const signInAs = useCallback((verified: string, person: Person) => {
    sessionStorage.setItem(KEY, verified);
    sessionStorage.setItem(PERSON_KEY, JSON.stringify(person));
    setNotice(null);
    setSession({ token: verified, person });
  }, []);

  const signOut = useCallback((why?: string) => {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(PERSON_KEY);
    setNotice(why ?? null);
    setSession(null);
    window.location.hash = '';
  }, []);

  const value = useMemo(
    () => ({ token: session?.token ?? null, person: session?.person ?? null, notice, signIn, signInAs, signOut }),
    [session, notice, signIn, signInAs, signOut],
  );
  return <Session.Provider value={value}>{children}</Session.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(Session);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
