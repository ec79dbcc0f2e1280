import { useCallback, useEffect, useRef, useState } from 'react';
import { useLive, type Notice } from './live';
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
  /** Re-read this often while the tab is visible: always without `live`, only while the live stream is down with it. */
  readonly everyMs?: number;
  /** The notices that change what this query answers: it is read again when one arrives (and on a resync). */
  readonly live?: (notice: Notice) => boolean;
}

/** A burst of notices (one command, several events) is one read. */
const COALESCE_MS = 100;
/** However busy the topics, a live query is read on notices at most once a second (plus one settle read each). */
const MIN_GAP_MS = 1_000;
/**
 * A notice says the source changed; a read model of another service (the scheduler's tasks from a contact, the
 * gate from a complaint) follows moments later. So a live query reads at once, and once more after this.
 */
const SETTLE_MS = 1_500;

/** Reads `path` (null: nothing to read yet); returns the state and a function to read again now. */
export function useQuery<T>(path: string | null, options: QueryOptions = {}): [Load<T>, () => void] {
  const { token, signOut } = useSession();
  const live = useLive();
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const generation = useRef(0);
  const streaming = useRef(false);
  streaming.current = live.status === 'live';
  const matches = useRef(options.live);
  matches.current = options.live;
  const isLive = options.live !== undefined;

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
    // With a live stream open, a live query waits for notices; polling is the fallback while it is down.
    const timer = window.setInterval(() => document.visibilityState === 'visible' && !(isLive && streaming.current) && load(), options.everyMs);
    return () => window.clearInterval(timer);
  }, [load, options.everyMs, isLive]);

  const { subscribe } = live;
  useEffect(() => {
    if (!isLive) return;
    let soon: number | undefined;
    let settle: number | undefined;
    let last = 0;
    const unsubscribe = subscribe((signal) => {
      if (signal !== 'resync' && !matches.current?.(signal)) return;
      if (soon !== undefined) return;
      soon = window.setTimeout(() => {
        soon = undefined;
        last = Date.now();
        load();
        // The settle read is one per burst and does not hold the next notice back.
        window.clearTimeout(settle);
        settle = window.setTimeout(load, SETTLE_MS);
      }, Math.max(COALESCE_MS, last + MIN_GAP_MS - Date.now()));
    });
    return () => {
      unsubscribe();
      window.clearTimeout(soon);
      window.clearTimeout(settle);
    };
  }, [subscribe, load, isLive]);

  return [state, load];
}

/** Milliseconds between re-reads of the boards and queues when they cannot be live (no stream, or it is down). */
export const LIVE_MS = 4_000;

/** Notices by service, for the pages' `live` option. */
export const from =
  (...topics: readonly Notice['topic'][]) =>
  (notice: Notice): boolean =>
    topics.includes(notice.topic);

export const query = (path: string, params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};
