import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { K8sOpsApi, k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { responseError } from '../../__testUtils__/responseError';
import { LogsPanel } from './LogsPanel';

// The viewer renders only the lines that fit; jsdom has no layout, so it
// gets a size here.
jest.mock('react-virtualized-auto-sizer', () => ({
  __esModule: true,
  default: (props: {
    children: (size: { height: number; width: number }) => unknown;
  }) => props.children({ height: 600, width: 800 }),
}));

const pod = {
  cluster: 'dev',
  namespace: 'team-shop',
  resource: 'pods',
  name: 'web-1',
};

async function renderPanel(api: K8sOpsApi, containers = ['main', 'sidecar']) {
  await renderInTestApp(<LogsPanel target={pod} containers={containers} />, {
    apis: [[k8sOpsApiRef, api]],
  });
  // The first render of a test file waits for the app's lazy parts.
  await screen.findByTestId('logs-panel', {}, { timeout: 10_000 });
}

describe('LogsPanel', () => {
  it('follows the first container and shows lines as they come', async () => {
    let emit: (text: string) => void = () => {};
    const api = fakeK8sOpsApi({
      followLogs: (_target, _options, onText) => {
        emit = onText;
        return () => {};
      },
    });
    await renderPanel(api);
    await waitFor(() =>
      expect(api.followLogs).toHaveBeenCalledWith(
        pod,
        expect.objectContaining({ container: 'main', previous: false }),
        expect.any(Function),
        expect.any(Object),
      ),
    );
    act(() => emit('first line\n'));
    act(() => emit('second line\n'));
    expect(await screen.findByText('second line')).toBeInTheDocument();
    expect(screen.getByText('first line')).toBeInTheDocument();
  });

  it('reads the previous container once, without following', async () => {
    const api = fakeK8sOpsApi({
      followLogs: () => () => {},
      getLogs: async () => 'before the crash\n',
    });
    await renderPanel(api);
    await userEvent.click(screen.getByLabelText('Previous container'));
    expect(await screen.findByText('before the crash')).toBeInTheDocument();
    expect(api.getLogs).toHaveBeenCalledWith(
      pod,
      expect.objectContaining({ container: 'main', previous: true }),
    );
    expect(screen.getByLabelText('Follow')).toBeDisabled();
  });

  it("shows the backend's message when the logs are refused", async () => {
    const refused = await responseError(403, 'Forbidden', {
      name: 'NotAllowedError',
      message:
        "You may not read the logs of Pod team-shop/web-1 on cluster 'dev'",
    });
    const api = fakeK8sOpsApi({
      followLogs: (_target, _options, _onText, handlers) => {
        handlers?.onError?.(refused);
        return () => {};
      },
    });
    await renderPanel(api);
    await waitFor(() =>
      expect(
        screen.getAllByText(
          "You may not read the logs of Pod team-shop/web-1 on cluster 'dev'",
        ).length,
      ).toBeGreaterThan(0),
    );
  });
});
