import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode, useState } from 'react';
import type { Page } from '../api/types';
import { type Loader, QueryCache, QueryProvider, usePagedQuery, useQuery } from './query';

/** A request the test answers by hand, recording the signal it was given. */
function deferred<T>() {
  const calls: {
    key: string;
    signal: AbortSignal;
    resolve: (value: T) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const load =
    (key: string): Loader<T> =>
    (signal) =>
      new Promise<T>((resolve, reject) => {
        calls.push({ key, signal, resolve, reject });
        signal.addEventListener('abort', () =>
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
        );
      });
  return { calls, load };
}

function Show({ id, load, label = id }: { id: string; load: Loader<string>; label?: string }) {
  const { data, error, loading, reload } = useQuery(['thing', id], load);
  return (
    <div>
      <p>
        {label}: {loading ? 'loading' : error ? `error ${(error as Error).message}` : data}
      </p>
      <button type="button" onClick={() => void reload()}>
        reload {label}
      </button>
    </div>
  );
}

/** Shows key 'a', then 'b' after "switch". */
function Switch({ load }: { load: (key: string) => Loader<string> }) {
  const [id, setId] = useState('a');
  return (
    <>
      <Show id={id} load={load(id)} />
      <button type="button" onClick={() => setId('b')}>
        switch
      </button>
    </>
  );
}

const renderIn = (cache: QueryCache, ui: React.ReactNode) =>
  render(<QueryProvider cache={cache}>{ui}</QueryProvider>);

describe('useQuery', () => {
  it('shares one request between everything showing the same key', async () => {
    const { calls, load } = deferred<string>();
    renderIn(
      new QueryCache(),
      <>
        <Show id="a" label="first" load={load('a')} />
        <Show id="a" label="second" load={load('a')} />
      </>,
    );
    expect(screen.getByText('first: loading')).toBeInTheDocument();
    expect(calls).toHaveLength(1);
    act(() => calls[0]!.resolve('Ada'));
    expect(await screen.findByText('first: Ada')).toBeInTheDocument();
    expect(screen.getByText('second: Ada')).toBeInTheDocument();
  });

  it('shows the cached answer when a screen comes back, while asking again', async () => {
    const cache = new QueryCache();
    const { calls, load } = deferred<string>();
    const view = renderIn(cache, <Show id="a" load={load('a')} />);
    act(() => calls[0]!.resolve('old'));
    expect(await screen.findByText('a: old')).toBeInTheDocument();
    view.unmount();

    renderIn(cache, <Show id="a" load={load('a')} />);
    expect(screen.getByText('a: old')).toBeInTheDocument();
    expect(calls).toHaveLength(2);
    act(() => calls[1]!.resolve('new'));
    expect(await screen.findByText('a: new')).toBeInTheDocument();
  });

  it('aborts the request for a key nobody shows any more, and ignores its answer', async () => {
    const { calls, load } = deferred<string>();
    renderIn(new QueryCache(), <Switch load={load} />);
    await userEvent.click(screen.getByRole('button', { name: 'switch' }));
    await waitFor(() => expect(calls[0]!.signal.aborted).toBe(true));
    expect(calls.map((call) => call.key)).toEqual(['a', 'b']);
    act(() => calls[1]!.resolve('Bea'));
    expect(await screen.findByText('b: Bea')).toBeInTheDocument();
  });

  it('keeps its request through StrictMode’s mount, unmount and mount', async () => {
    const { calls, load } = deferred<string>();
    render(
      <StrictMode>
        <QueryProvider cache={new QueryCache()}>
          <Show id="a" load={load('a')} />
        </QueryProvider>
      </StrictMode>,
    );
    await act(async () => {});
    expect(calls).toHaveLength(1);
    expect(calls[0]!.signal.aborted).toBe(false);
    act(() => calls[0]!.resolve('Ada'));
    expect(await screen.findByText('a: Ada')).toBeInTheDocument();
  });

  it('reports a failure, and "reload" asks again', async () => {
    const { calls, load } = deferred<string>();
    renderIn(new QueryCache(), <Show id="a" load={load('a')} />);
    act(() => calls[0]!.reject(new Error('down')));
    expect(await screen.findByText('a: error down')).toBeInTheDocument();
    expect(calls).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'reload a' }));
    expect(screen.getByText('a: loading')).toBeInTheDocument();
    act(() => calls[1]!.resolve('back'));
    expect(await screen.findByText('a: back')).toBeInTheDocument();
  });

  it('after a write, asks again for what is shown under the prefix, and nothing else', async () => {
    const cache = new QueryCache();
    const { calls, load } = deferred<string>();
    renderIn(cache, <Show id="a" load={load('a')} />);
    act(() => calls[0]!.resolve('v1'));
    await screen.findByText('a: v1');
    act(() => {
      void cache.invalidate(['other']);
    });
    expect(calls).toHaveLength(1);
    act(() => {
      void cache.invalidate(['thing']);
    });
    expect(calls).toHaveLength(2);
    act(() => calls[1]!.resolve('v2'));
    expect(await screen.findByText('a: v2')).toBeInTheDocument();
  });

  it('shows what a write returned at once (setQueryData)', async () => {
    const cache = new QueryCache();
    const { calls, load } = deferred<string>();
    renderIn(cache, <Show id="a" load={load('a')} />);
    act(() => calls[0]!.resolve('v1'));
    await screen.findByText('a: v1');
    act(() => cache.setQueryData(['thing', 'a'], 'saved'));
    expect(screen.getByText('a: saved')).toBeInTheDocument();
  });
});

type Item = { id: string };

function List({ loadPage }: { loadPage: (cursor: string | undefined) => Promise<Page<Item>> }) {
  const list = usePagedQuery(['items'], (cursor) => loadPage(cursor));
  return (
    <div>
      <p>items: {list.loading ? 'loading' : list.items.map((item) => item.id).join(',')}</p>
      {list.error != null && <p>failed</p>}
      {list.data?.nextCursor && (
        <button type="button" onClick={() => void list.loadMore()} disabled={list.loadingMore}>
          more
        </button>
      )}
      <button type="button" onClick={() => void list.retry()}>
        retry
      </button>
    </div>
  );
}

describe('usePagedQuery', () => {
  const pages: Record<string, Page<Item>> = {
    first: { items: [{ id: '1' }, { id: '2' }], nextCursor: 'c2' },
    c2: { items: [{ id: '2' }, { id: '3' }], nextCursor: null },
  };

  it('appends the next page without repeats, and stops at the end', async () => {
    const asked: (string | undefined)[] = [];
    renderIn(
      new QueryCache(),
      <List
        loadPage={async (cursor) => {
          asked.push(cursor);
          return pages[cursor ?? 'first']!;
        }}
      />,
    );
    expect(await screen.findByText('items: 1,2')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'more' }));
    expect(await screen.findByText('items: 1,2,3')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'more' })).not.toBeInTheDocument();
    expect(asked).toEqual([undefined, 'c2']);
  });

  it('reports a failed next page and retries that page, keeping what is shown', async () => {
    const asked: (string | undefined)[] = [];
    let failNext = true;
    renderIn(
      new QueryCache(),
      <List
        loadPage={async (cursor) => {
          asked.push(cursor);
          if (cursor && failNext) {
            failNext = false;
            throw new Error('down');
          }
          return pages[cursor ?? 'first']!;
        }}
      />,
    );
    await screen.findByText('items: 1,2');
    await userEvent.click(screen.getByRole('button', { name: 'more' }));
    expect(await screen.findByText('failed')).toBeInTheDocument();
    expect(screen.getByText('items: 1,2')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'retry' }));
    expect(await screen.findByText('items: 1,2,3')).toBeInTheDocument();
    expect(screen.queryByText('failed')).not.toBeInTheDocument();
    expect(asked).toEqual([undefined, 'c2', 'c2']);
  });
});
