import { renderInTestApp } from '@backstage/frontend-test-utils';
import { AuditEntry, AuditQuery } from '@k8s-ops/plugin-k8s-ops-common';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { responseError } from '../../__testUtils__/responseError';
import { AuditPage } from './AuditPage';

const entry = (
  id: string,
  overrides: Partial<AuditEntry> = {},
): AuditEntry => ({
  id,
  createdAt: '2026-11-25T10:00:00.000Z',
  actor: 'user:default/dana',
  action: 'resource-scale',
  cluster: 'staging',
  namespace: 'team-shop',
  kind: 'Deployment',
  name: `web-${id}`,
  outcome: 'succeeded',
  status: 200,
  summary: 'replicas → 3',
  ...overrides,
});

function fakeApi(
  queryAudit: (
    q: AuditQuery,
  ) => Promise<{ items: AuditEntry[]; nextCursor?: string }>,
) {
  return fakeK8sOpsApi({ queryAudit });
}

describe('AuditPage', () => {
  it('lists who did what where, with the outcome', async () => {
    const api = fakeApi(async () => ({
      items: [
        entry('1'),
        entry('2', {
          outcome: 'failed',
          status: 403,
          summary: "Cluster 'prod' is read-only",
        }),
      ],
    }));
    await renderInTestApp(<AuditPage />, { apis: [[k8sOpsApiRef, api]] });
    expect(await screen.findByText('web-1')).toBeInTheDocument();
    expect(screen.getByText('failed (403)')).toBeInTheDocument();
    expect(screen.getByText("Cluster 'prod' is read-only")).toBeInTheDocument();
  });

  it('filters by cluster and pages with the cursor', async () => {
    const api = fakeApi(async q =>
      q.cursor === 'next'
        ? { items: [entry('3')] }
        : {
            items: [entry(q.cluster === 'prod' ? 'p' : '1')],
            nextCursor: 'next',
          },
    );
    await renderInTestApp(<AuditPage />, { apis: [[k8sOpsApiRef, api]] });
    await screen.findByText('web-1');
    await userEvent.type(screen.getByLabelText('Cluster'), 'prod');
    expect(await screen.findByText('web-p')).toBeInTheDocument();
    expect(api.queryAudit).toHaveBeenLastCalledWith({
      cluster: 'prod',
      limit: 50,
    });
    // One query once the typing pauses, not one per keystroke.
    expect(api.queryAudit).toHaveBeenCalledTimes(2);
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('web-3')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Load more' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('drops a "Load more" page that arrives after the filters changed', async () => {
    let answerMore: (page: { items: AuditEntry[] }) => void = () => {};
    const api = fakeApi(q => {
      if (q.cursor) {
        return new Promise(resolve => {
          answerMore = resolve;
        });
      }
      return Promise.resolve({
        items: [entry(q.cluster === 'prod' ? 'p' : '1')],
        nextCursor: 'next',
      });
    });
    await renderInTestApp(<AuditPage />, { apis: [[k8sOpsApiRef, api]] });
    await screen.findByText('web-1');
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await userEvent.type(screen.getByLabelText('Cluster'), 'prod');
    expect(await screen.findByText('web-p')).toBeInTheDocument();

    await act(async () => answerMore({ items: [entry('3')] }));
    expect(screen.queryByText('web-3')).not.toBeInTheDocument();
    expect(screen.getByText('web-p')).toBeInTheDocument();
    expect(screen.queryByText('web-1')).not.toBeInTheDocument();
  });

  it('asks for one more page at a time', async () => {
    let answerMore: (page: { items: AuditEntry[] }) => void = () => {};
    const api = fakeApi(q =>
      q.cursor
        ? new Promise(resolve => {
            answerMore = resolve;
          })
        : Promise.resolve({ items: [entry('1')], nextCursor: 'next' }),
    );
    await renderInTestApp(<AuditPage />, { apis: [[k8sOpsApiRef, api]] });
    await screen.findByText('web-1');
    const loadMore = screen.getByRole('button', { name: 'Load more' });
    await userEvent.dblClick(loadMore);
    expect(loadMore).toBeDisabled();
    await act(async () => answerMore({ items: [entry('2')] }));

    expect(await screen.findByText('web-2')).toBeInTheDocument();
    expect(screen.getAllByText('web-2')).toHaveLength(1);
    expect(api.queryAudit).toHaveBeenCalledTimes(2);
  });

  it('reads its filters from the URL, so a reload or a link keeps them', async () => {
    const api = fakeApi(async () => ({ items: [entry('1')] }));
    await renderInTestApp(<AuditPage />, {
      apis: [[k8sOpsApiRef, api]],
      initialRouteEntries: [
        '/?action=scale&kind=deploy&outcome=failed&within=24h',
      ],
    });
    await screen.findByText('web-1');
    expect(screen.getByLabelText('Action')).toHaveValue('scale');
    expect(screen.getByLabelText('Kind')).toHaveValue('deploy');
    expect(api.queryAudit).toHaveBeenCalledTimes(1);
    const query = api.queryAudit.mock.calls[0][0]!;
    expect(query).toMatchObject({
      action: 'scale',
      kind: 'deploy',
      outcome: 'failed',
      limit: 50,
    });
    const since = Date.parse(query.since!);
    expect(Date.now() - since).toBeGreaterThan(86_400_000 - 60_000);
    expect(Date.now() - since).toBeLessThan(86_400_000 + 60_000);
  });

  it('opens a row to the entry in full, its whole summary included', async () => {
    const long = `replicas 2 → 3; ${'image changed; '.repeat(20)}end`;
    const api = fakeApi(async () => ({
      items: [entry('1', { summary: long })],
    }));
    await renderInTestApp(<AuditPage />, { apis: [[k8sOpsApiRef, api]] });
    await userEvent.click(await screen.findByText('web-1'));
    const detail = await screen.findByTestId('audit-detail-1');
    expect(detail).toHaveTextContent(long);
    expect(detail).toHaveTextContent('user:default/dana');
    expect(detail).toHaveTextContent('succeeded (HTTP 200)');
  });

  it("shows the backend's message when the query fails", async () => {
    const api = fakeApi(async () => {
      throw await responseError(400, 'Bad Request', {
        name: 'InputError',
        message: 'outcome: must be succeeded or failed',
      });
    });
    await renderInTestApp(<AuditPage />, { apis: [[k8sOpsApiRef, api]] });
    expect(
      (await screen.findAllByText(/outcome: must be succeeded or failed/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/Request failed with/)).not.toBeInTheDocument();
  });
});
