import { ResourceChange } from '@k8s-ops/plugin-k8s-ops-common';
import { K8sOpsApi } from '../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../__testUtils__/fakeK8sOpsApi';
import { followLive } from './followLive';

const change = (name: string): ResourceChange => ({
  type: 'ADDED',
  cluster: 'dev',
  resource: 'pods',
  object: { metadata: { name } },
});

function stream() {
  const handlers: {
    onChange: (c: ResourceChange) => void;
    onOpen?: () => void;
    onError?: (e: Error) => void;
  } = { onChange: () => {} };
  const api = fakeK8sOpsApi({
    watchChanges: (_query, onChange, options) => {
      handlers.onChange = onChange;
      handlers.onOpen = options?.onOpen;
      handlers.onError = options?.onError;
      return () => {};
    },
  });
  return { api, handlers };
}

function follow(
  api: K8sOpsApi,
  load: () => Promise<string[]>,
  initial?: string[],
) {
  const values: string[][] = [];
  const changes: string[] = [];
  const errors: Error[] = [];
  const stop = followLive<string[]>({
    api,
    changes: { resources: ['pods'] },
    load,
    initial,
    fold: (value, c) => [...value, c.object.metadata.name!],
    onValue: v => values.push(v),
    onChange: c => changes.push(c.object.metadata.name!),
    onError: e => errors.push(e),
  });
  return { values, changes, errors, stop };
}

const flush = () => new Promise(r => setTimeout(r, 0));

describe('followLive', () => {
  it('loads at once and again when the stream opens, replays changes that came during the load, then passes changes on', async () => {
    const { api, handlers } = stream();
    let answer: (v: string[]) => void = () => {};
    const load = jest.fn(() => new Promise<string[]>(r => (answer = r)));
    const f = follow(api, load);
    expect(load).toHaveBeenCalledTimes(1);
    handlers.onOpen!();
    expect(load).toHaveBeenCalledTimes(2);
    handlers.onChange(change('during'));
    answer(['loaded']);
    await flush();
    expect(f.values).toEqual([['loaded', 'during']]);
    handlers.onChange(change('after'));
    expect(f.changes).toEqual(['after']);
    f.stop();
  });

  it('with a value loaded already, loads only when the stream opens', async () => {
    const { api, handlers } = stream();
    const load = jest.fn().mockResolvedValue(['on open']);
    const f = follow(api, load, ['given']);
    await flush();
    expect(load).not.toHaveBeenCalled();
    expect(f.values).toEqual([]);
    handlers.onOpen!();
    await flush();
    expect(load).toHaveBeenCalledTimes(1);
    expect(f.values).toEqual([['on open']]);
    f.stop();
  });

  it('loads again when the stream opens anew after a break', async () => {
    const { api, handlers } = stream();
    const load = jest
      .fn()
      .mockResolvedValueOnce(['at once'])
      .mockResolvedValueOnce(['first'])
      .mockResolvedValueOnce(['second']);
    const f = follow(api, load);
    await flush();
    handlers.onOpen!();
    await flush();
    handlers.onOpen!();
    await flush();
    expect(f.values).toEqual([['at once'], ['first'], ['second']]);
    f.stop();
  });

  it('ignores the answer of a load that a newer one replaced', async () => {
    const { api, handlers } = stream();
    const answers: Array<(v: string[]) => void> = [];
    const load = jest.fn(() => new Promise<string[]>(r => answers.push(r)));
    const f = follow(api, load);
    handlers.onOpen!();
    answers[1](['newer']);
    answers[0](['older']);
    await flush();
    expect(f.values).toEqual([['newer']]);
    f.stop();
  });

  it('reports a refused stream', async () => {
    const { api, handlers } = stream();
    const f = follow(api, jest.fn().mockResolvedValue([]));
    handlers.onError!(new Error('refused'));
    expect(f.errors.map(e => e.message)).toEqual(['refused']);
    f.stop();
  });
});
