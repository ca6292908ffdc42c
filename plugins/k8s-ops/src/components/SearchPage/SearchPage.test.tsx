import { renderInTestApp } from '@backstage/frontend-test-utils';
import { SearchHit, SearchResponse } from '@k8s-ops/plugin-k8s-ops-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { SearchPage } from './SearchPage';

const hit = (cluster: string, kind: string, name: string): SearchHit => ({
  cluster,
  resource: `${kind.toLowerCase()}s`,
  kind,
  namespace: 'shop',
  name,
  labels: {},
  status: 'Running',
  health: 'ok',
  stale: cluster === 'old',
  url: '',
});

function Location() {
  const { pathname, search } = useLocation();
  return <span data-testid="location">{`${pathname}${search}`}</span>;
}

async function renderSearch(search: (q: string) => Promise<SearchResponse>) {
  const api = fakeK8sOpsApi({ search: ({ q }) => search(q ?? '') });
  await renderInTestApp(
    <>
      <Routes>
        <Route path="/k8s-ops/search" element={<SearchPage />} />
      </Routes>
      <Location />
    </>,
    {
      apis: [[k8sOpsApiRef, api]],
      initialRouteEntries: ['/k8s-ops/search'],
    },
  );
  return api;
}

const location = () => screen.getByTestId('location').textContent;

describe('SearchPage', () => {
  it('searches as one types, keeps the query in the URL, groups by cluster, and opens a hit with the keyboard', async () => {
    const api = await renderSearch(async () => ({
      items: [
        hit('dev', 'Deployment', 'checkout'),
        hit('old', 'Pod', 'checkout-1'),
        hit('dev', 'Pod', 'checkout-2'),
      ],
      total: 7,
      tookMs: 2.5,
    }));
    // All at once, so that there is one query to send.
    await userEvent.click(screen.getByRole('combobox', { name: 'Search' }));
    await userEvent.paste('checkout');
    expect(
      await screen.findByText('7 found, the best 3 shown (2.5 ms)'),
    ).toBeInTheDocument();
    expect(api.search).toHaveBeenCalledTimes(1);
    expect(api.search).toHaveBeenCalledWith({ q: 'checkout', limit: 50 });
    expect(location()).toBe('/k8s-ops/search?q=checkout');
    const hits = screen.getAllByTestId('search-hit');
    expect(hits.map(h => h.textContent)).toEqual([
      expect.stringContaining('Deployment checkout'),
      expect.stringContaining('Pod checkout-2'),
      expect.stringContaining('stale'),
    ]);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(location()).toBe(
      '/k8s-ops/clusters/dev/objects/pods/shop/checkout-2',
    );
  });

  it('adds and removes filters with chips', async () => {
    await renderSearch(async () => ({ items: [], total: 0, tookMs: 1 }));
    await userEvent.type(
      screen.getByRole('combobox', { name: 'Search' }),
      'web',
    );
    await userEvent.click(screen.getByRole('button', { name: 'kind:deploy' }));
    expect(location()).toBe('/k8s-ops/search?q=web+kind%3Adeploy');
    expect(
      await screen.findByText('Nothing you may see matches.'),
    ).toBeInTheDocument();
  });

  it('ignores an answer that arrives after the answer to a newer query', async () => {
    let answerFirst: (r: SearchResponse) => void = () => {};
    await renderSearch(q =>
      q === 'a'
        ? new Promise(resolve => {
            answerFirst = resolve;
          })
        : Promise.resolve({
            items: [hit('dev', 'Pod', 'ab')],
            total: 1,
            tookMs: 1,
          }),
    );
    const box = screen.getByRole('combobox', { name: 'Search' });
    await userEvent.type(box, 'a');
    await waitFor(() => expect(answerFirst).not.toBe(undefined));
    await new Promise(r => setTimeout(r, 300));
    await userEvent.type(box, 'b');
    expect(await screen.findByText('1 found (1 ms)')).toBeInTheDocument();
    answerFirst({ items: [hit('dev', 'Pod', 'late')], total: 9, tookMs: 1 });
    await new Promise(r => setTimeout(r, 50));
    expect(screen.queryByText(/late/)).not.toBeInTheDocument();
    expect(screen.getByText('1 found (1 ms)')).toBeInTheDocument();
  });
});
