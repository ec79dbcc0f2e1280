import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from './session';

/** What a page knows about one query: a 404 means the service is not deployed here ("not available"). */
export type Load<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly data: T; readonly at: Date }
  | { readonly status: 'unavailable' }
  | { readonly status: 'forbidden' }
  | { readonly status: 'error'; readonly message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Calls a query or command API with the signed-in person's token; problem+json details become the message. */
export async function callApi<T>(token: string, path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  headers.set('Accept', 'application/json, application/problem+json');
  if (init.body) headers.set('Content-Type', 'application/json');
  const response = await fetch(path, { ...init, headers });
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const detail = body && typeof body === 'object' && 'detail' in body ? String((body as { detail: unknown }).detail) : response.statusText;
    throw new ApiError(response.status, detail);
  }
  return body as T;
}

const toLoad = <T,>(error: unknown): Load<T> => {
  if (error instanceof ApiError && error.status === 404) return { status: 'unavailable' };
  if (error instanceof ApiError && error.status === 403) return { status: 'forbidden' };
  return { status: 'error', message: error instanceof Error ? error.message : String(error) };
};

export interface QueryOptions {
  /** Re-read this often while the tab is visible (boards and queues: live enough for a first cut). */
  readonly everyMs?: number;
}

/** Reads `path` (null: nothing to read yet); returns the state and a function to read again now. */
export function useQuery<T>(path: string | null, options: QueryOptions = {}): [Load<T>, () => void] {
  const { token, signOut } = useSession();
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const generation = useRef(0);

  const load = useCallback(() => {
    if (!path || !token) return;
    const mine = ++generation.current;
    callApi<T>(token, path).then(
      (data) => mine === generation.current && setState({ status: 'ok', data, at: new Date() }),
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) return signOut('Your session has expired: sign in again.');
        if (mine === generation.current) setState(toLoad<T>(error));
      },
    );
  }, [path, token, signOut]);

  useEffect(() => {
    setState({ status: 'loading' });
    load();
    if (!options.everyMs) return;
    const timer = window.setInterval(() => document.visibilityState === 'visible' && load(), options.everyMs);
    return () => window.clearInterval(timer);
  }, [load, options.everyMs]);

  return [state, load];
}

/** Seconds between re-reads of the live boards and queues. */
export const LIVE_MS = 4_000;

export const query = (path: string, params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};
