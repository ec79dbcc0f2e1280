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
  readonly signOut: (notice?: string) => void;
}

const KEY = 'rapport.dashboard.token';
const Session = createContext<SessionValue | null>(null);

/** Reads who the token speaks for, only to choose the menu: the API checks the token on every call. */
export function personOf(token: string): Person | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { sub?: unknown; roles?: unknown; team?: unknown; exp?: unknown };
    if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) return null;
    if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return null;
    return { id: claims.sub, roles: claims.roles.map(String), team: typeof claims.team === 'string' ? claims.team : undefined };
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  // sessionStorage: the token is gone when the tab closes, and never travels in a URL.
  const [token, setToken] = useState<string | null>(() => {
    const kept = sessionStorage.getItem(KEY);
    return kept && personOf(kept) ? kept : null;
  });
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = useCallback((candidate: string): string | null => {
    const trimmed = candidate.trim().replace(/^Bearer\s+/i, '');
    if (!personOf(trimmed)) return 'That is not a valid, unexpired Rapport token.';
    sessionStorage.setItem(KEY, trimmed);
    setNotice(null);
    setToken(trimmed);
    return null;
  }, []);

  const signOut = useCallback((why?: string) => {
    sessionStorage.removeItem(KEY);
    setNotice(why ?? null);
    setToken(null);
    window.location.hash = '';
  }, []);

  const value = useMemo(() => ({ token, person: token ? personOf(token) : null, notice, signIn, signOut }), [token, notice, signIn, signOut]);
  return <Session.Provider value={value}>{children}</Session.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(Session);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
