// The one way screens load data: `useQuery(key, load)` and, for cursor-paged lists, `usePagedQuery`.
// Answers are cached per key for the session, so going back to a screen shows what it showed while it
// asks again; concurrent asks for one key share a request; a request nobody waits for any more is aborted;
// writes update (`setQueryData`) or re-ask (`invalidate`) what they changed. Deliberately small (1.4 KB
// gzipped, in the first load) instead of TanStack Query: see docs/decisions.md, Frontend.
import {
  createContext,
  createElement,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { isAbortError } from '../api/client';
import type { Page } from '../api/types';

/** Names what is loaded, e.g. ['persona', id]; a key that starts with another is "under" it. */
export type QueryKey = readonly (string | number | boolean | null | undefined)[];
export type Loader<T> = (signal: AbortSignal) => Promise<T>;

export interface QuerySnapshot<T> {
  data: T | undefined;
  error: unknown;
  /** A request for this key is under way (first load or a refresh). */
  fetching: boolean;
}

interface Entry {
  key: QueryKey;
  snapshot: QuerySnapshot<unknown>;
  listeners: Set<() => void>;
  /** The loader of the latest watcher, for refreshing the key when it is invalidated. */
  load?: Loader<unknown>;
  request?: AbortController;
}

const IDLE: QuerySnapshot<never> = { data: undefined, error: null, fetching: false };
/** Unwatched answers kept for going back; beyond this the oldest are dropped. */
const KEEP_UNWATCHED = 50;

const hashKey = (key: QueryKey) => JSON.stringify(key);

export class QueryCache {
  private readonly entries = new Map<string, Entry>();

  private entry(key: QueryKey): Entry {
    const hash = hashKey(key);
    let entry = this.entries.get(hash);
    if (!entry) {
      entry = { key, snapshot: IDLE, listeners: new Set() };
      this.entries.set(hash, entry);
      const unwatched = [...this.entries.values()].filter((other) => other.listeners.size === 0);
      for (const old of unwatched.slice(0, -KEEP_UNWATCHED)) this.entries.delete(hashKey(old.key));
    }
    return entry;
  }

  private update(entry: Entry, change: Partial<QuerySnapshot<unknown>>): void {
    entry.snapshot = { ...entry.snapshot, ...change };
    for (const listener of entry.listeners) listener();
  }

  private fetch(entry: Entry, load: Loader<unknown>, force: boolean): Promise<void> {
    if (entry.request && !force) return Promise.resolve();
    entry.request?.abort();
    const controller = new AbortController();
    entry.request = controller;
    this.update(entry, { fetching: true, error: null });
    return load(controller.signal).then(
      (data) => {
        if (entry.request !== controller) return;
        entry.request = undefined;
        this.update(entry, { data, error: null, fetching: false });
      },
      (error: unknown) => {
        if (entry.request !== controller) return;
        entry.request = undefined;
        // An abort is nobody's failure: keep what was shown.
        this.update(entry, isAbortError(error) ? { fetching: false } : { error, fetching: false });
      },
    );
  }

  snapshot<T>(key: QueryKey): QuerySnapshot<T> {
    return (this.entries.get(hashKey(key))?.snapshot ?? IDLE) as QuerySnapshot<T>;
  }

  /**
   * Shows `key` to `listener` and asks for it now (the cached answer, if any, stays until the new one is
   * in) unless a request is already under way. The request is aborted once nobody watches any more.
   */
  watch<T>(key: QueryKey, load: Loader<T>, listener: () => void): () => void {
    const entry = this.entry(key);
    entry.listeners.add(listener);
    entry.load = load;
    void this.fetch(entry, load, false);
    return () => {
      entry.listeners.delete(listener);
      // After a microtask, so React's mount–unmount–mount in StrictMode keeps the request it started.
      queueMicrotask(() => {
        if (entry.listeners.size === 0) entry.request?.abort();
      });
    };
  }

  /** Asks for `key` again now, replacing any request under way; resolves when the answer is in. */
  refetch<T>(key: QueryKey, load: Loader<T>): Promise<void> {
    return this.fetch(this.entry(key), load, true);
  }

  /** Replaces the answer for `key` (e.g. with what a write returned), without asking the API. */
  setQueryData<T>(key: QueryKey, update: T | ((current: T | undefined) => T | undefined)): void {
    const entry = this.entry(key);
    const data =
      typeof update === 'function'
        ? (update as (current: T | undefined) => T | undefined)(entry.snapshot.data as T | undefined)
        : update;
    this.update(entry, { data, error: null });
  }

  /**
   * After a write: every key under `prefix` (['personas'] covers ['personas', 'q=ada']) that is on screen
   * is asked for again; the others are asked for when next shown, as always.
   */
  invalidate(prefix: QueryKey): Promise<void> {
    const head = hashKey(prefix).slice(0, -1);
    const pending: Promise<void>[] = [];
    for (const [hash, entry] of this.entries) {
      const under = prefix.length === 0 || hash === `${head}]` || hash.startsWith(`${head},`);
      if (under && entry.listeners.size > 0 && entry.load) pending.push(this.fetch(entry, entry.load, true));
    }
    return Promise.all(pending).then(() => undefined);
  }
}

const CacheContext = createContext<QueryCache | null>(null);

export function QueryProvider({ cache, children }: { cache: QueryCache; children: ReactNode }) {
  return createElement(CacheContext.Provider, { value: cache }, children);
}

export function useQueryCache(): QueryCache {
  const cache = useContext(CacheContext);
  if (!cache) throw new Error('useQueryCache outside QueryProvider');
  return cache;
}

export interface QueryResult<T> extends QuerySnapshot<T> {
  /** Nothing to show yet: the first answer is still coming. */
  loading: boolean;
  /** Asks again now (e.g. "try again", or after a change); resolves when the answer is in. */
  reload: () => Promise<void>;
  setData: (update: (current: T | undefined) => T | undefined) => void;
}

/**
 * The answer for `key` from `load`: asked for whenever something starts showing the key (the last answer
 * shows meanwhile), and again on `reload` or `invalidate`. `key` null: nothing to load (yet). `load` may
 * change every render; only the key decides what is asked.
 */
export function useQuery<T>(key: QueryKey | null, load: Loader<T>): QueryResult<T> {
  const cache = useQueryCache();
  const hash = key ? hashKey(key) : null;
  const keyRef = useRef(key);
  keyRef.current = key;
  const loadRef = useRef(load);
  loadRef.current = load;
  // One stable loader per hook, always calling the latest `load`.
  const [loader] = useState(() => (signal: AbortSignal) => loadRef.current(signal));

  // biome-ignore lint/correctness/useExhaustiveDependencies: the hash stands for the key
  const subscribe = useCallback(
    (listener: () => void) => (keyRef.current ? cache.watch(keyRef.current, loader, listener) : () => {}),
    [cache, hash, loader],
  );
  const snapshot = useSyncExternalStore(subscribe, () =>
    keyRef.current ? cache.snapshot<T>(keyRef.current) : (IDLE as QuerySnapshot<T>),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the hash stands for the key
  const reload = useCallback(
    () => (keyRef.current ? cache.refetch(keyRef.current, loader) : Promise.resolve()),
    [cache, hash, loader],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the hash stands for the key
  const setData = useCallback(
    (update: (current: T | undefined) => T | undefined) => {
      if (keyRef.current) cache.setQueryData<T>(keyRef.current, update);
    },
    [cache, hash],
  );
  const loading = key !== null && snapshot.data === undefined && snapshot.error == null;
  return { ...snapshot, loading, reload, setData };
}

export interface PagedResult<T> extends QueryResult<Page<T>> {
  items: T[];
  /** The next page is being loaded. */
  loadingMore: boolean;
  /** Appends the next page (if any); a failure shows as `error`. */
  loadMore: () => Promise<void>;
  /** After `error`: loads again what failed (the next page, or the list). */
  retry: () => Promise<void>;
}

/**
 * A cursor-paged list (`{ items, nextCursor }`) under `key`: the first page on show, more on `loadMore`,
 * kept in order without repeats. A reload starts again from the first page.
 */
export function usePagedQuery<T extends { id: string }>(
  key: QueryKey | null,
  loadPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
): PagedResult<T> {
  const query = useQuery<Page<T>>(key, (signal) => loadPage(undefined, signal));
  const [more, setMore] = useState<{ hash: string | null; loading: boolean; error: unknown }>({
    hash: null,
    loading: false,
    error: null,
  });
  const hash = key ? hashKey(key) : null;
  const mine = more.hash === hash ? more : { hash, loading: false, error: null };
  const pageRef = useRef(loadPage);
  pageRef.current = loadPage;
  // A next page for a key no longer shown (or after unmount) is abandoned.
  const moreRequest = useRef<AbortController | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key is exactly what abandons the request
  useEffect(() => () => moreRequest.current?.abort(), [hash]);

  const cursor = query.data?.nextCursor ?? null;
  const { setData } = query;
  const loadMore = useCallback(async () => {
    if (!cursor || mine.loading) return;
    const forKey = hash;
    setMore({ hash: forKey, loading: true, error: null });
    const controller = new AbortController();
    moreRequest.current = controller;
    try {
      const page = await pageRef.current(cursor, controller.signal);
      if (controller.signal.aborted) return;
      setData((current) => {
        const items = current?.items ?? [];
        const seen = new Set(items.map((item) => item.id));
        return {
          items: [...items, ...page.items.filter((item) => !seen.has(item.id))],
          nextCursor: page.nextCursor,
        };
      });
      setMore({ hash: forKey, loading: false, error: null });
    } catch (error) {
      if (!controller.signal.aborted) setMore({ hash: forKey, loading: false, error });
    }
  }, [cursor, mine.loading, hash, setData]);

  return {
    ...query,
    error: query.error ?? mine.error,
    items: query.data?.items ?? [],
    loadingMore: mine.loading,
    loadMore,
    retry: mine.error != null ? loadMore : query.reload,
  };
}
