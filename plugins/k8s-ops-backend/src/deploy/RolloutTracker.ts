import { LoggerService } from '@backstage/backend-plugin-api';
import { DeployEvent, KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { CacheChange, WatchCache } from '../cache/WatchCache';
import { ResourceService } from '../resources/ResourceService';
import { DatabaseDeployStore } from './DatabaseDeployStore';
import { Rollout, rolloutStatus } from './rolloutStatus';

/** What a rollout follows. */
export interface TrackedDeploy {
  id: string;
  cluster: string;
  namespace: string;
  name: string;
  selector: Record<string, string>;
  startedAt: number;
}

interface Tracking {
  events: DeployEvent[];
  listeners: Set<(event: DeployEvent) => void>;
  done: boolean;
}

/** How long a finished rollout's events stay in memory for late followers. */
const KEEP_FINISHED_MS = 10 * 60_000;

const matches = (
  labels: Record<string, string> = {},
  selector: Record<string, string>,
) => Object.entries(selector).every(([k, v]) => labels[k] === v);

/**
 * Follows rollouts through the watch cache's change events, not by asking
 * the API server again: each change of the Deployment or of one of its pods
 * is folded in and the rollout evaluated, until it is available, fails, or
 * runs out of time. The outcome and its duration go to the deploy history.
 */
export class RolloutTracker {
  private readonly tracked = new Map<string, Tracking>();

  constructor(
    private readonly deps: {
      resources: ResourceService;
      cache: WatchCache;
      store: DatabaseDeployStore;
      logger: LoggerService;
      timeoutMs: number;
    },
  ) {}

  /** Starts following a deploy; its first event is sent at once. */
  async track(deploy: TrackedDeploy): Promise<void> {
    const tracking: Tracking = {
      events: [],
      listeners: new Set(),
      done: false,
    };
    this.tracked.set(deploy.id, tracking);
    const holds = await Promise.all([
      this.deps.resources.hold(deploy.cluster, 'deployments.apps'),
      this.deps.resources.hold(deploy.cluster, 'pods'),
    ]);
    let deployment: KubeObject | undefined;
    const pods = new Map<string, KubeObject>();
    let last = '';
    // What ends the following: the subscription and the timer, once made.
    const cleanups: Array<() => void> = holds.map(h => () => h.release());
    const emit = (rollout: Rollout) => {
      const event = { ...rollout, at: new Date().toISOString() };
      tracking.events.push(event);
      tracking.listeners.forEach(listener => listener(event));
    };
    const finish = async (rollout: Rollout) => {
      tracking.done = true;
      cleanups.forEach(cleanup => cleanup());
      const finishedAt = new Date();
      await this.deps.store
        .update(deploy.id, {
          status: rollout.status,
          reason: rollout.message,
          finishedAt: finishedAt.toISOString(),
          durationMs: finishedAt.getTime() - deploy.startedAt,
        })
        .catch(error =>
          this.deps.logger.error(
            `Could not record the end of deploy ${deploy.id}`,
            error,
          ),
        );
      emit(rollout);
      setTimeout(
        () => this.tracked.delete(deploy.id),
        KEEP_FINISHED_MS,
      ).unref?.();
    };
    const evaluate = () => {
      if (tracking.done) {
        return;
      }
      const rollout = rolloutStatus(deployment, [...pods.values()]);
      if (rollout.status !== 'progressing') {
        void finish(rollout);
        return;
      }
      if (rollout.message !== last) {
        last = rollout.message;
        emit(rollout);
      }
    };
    const fold = (
      change: Pick<CacheChange, 'type' | 'resource' | 'object'>,
    ) => {
      const { object } = change;
      if (object.metadata.namespace !== deploy.namespace) {
        return;
      }
      if (
        change.resource === 'deployments.apps' &&
        object.metadata.name === deploy.name
      ) {
        deployment = change.type === 'DELETED' ? undefined : object;
      } else if (
        change.resource === 'pods' &&
        matches(object.metadata.labels, deploy.selector)
      ) {
        const uid = object.metadata.uid ?? object.metadata.name ?? '';
        if (change.type === 'DELETED') pods.delete(uid);
        else pods.set(uid, object);
      } else {
        return;
      }
      evaluate();
    };
    cleanups.push(
      this.deps.cache.subscribe(change => {
        if (change.cluster === deploy.cluster) {
          fold(change);
        }
      }),
    );
    const timer = setTimeout(() => {
      if (!tracking.done) {
        void finish({
          ...rolloutStatus(deployment, [...pods.values()]),
          status: 'failed',
          message: `not available within ${Math.round(
            this.deps.timeoutMs / 1000,
          )} s: ${rolloutStatus(deployment, [...pods.values()]).message}`,
        });
      }
    }, this.deps.timeoutMs);
    cleanups.push(() => clearTimeout(timer));
    // Changes seen before the subscription are read from the cache once.
    try {
      for (const resource of ['deployments.apps', 'pods']) {
        const list = await this.deps.resources.list({
          cluster: deploy.cluster,
          resource,
          namespace: deploy.namespace,
        });
        for (const object of list.items) {
          fold({ type: 'ADDED', resource, object });
        }
      }
      evaluate();
    } catch (error) {
      await finish({
        status: 'failed',
        message: `the rollout could not be followed: ${
          error instanceof Error ? error.message : String(error)
        }`,
      });
    }
  }

  /**
   * The events of a rollout followed here: those so far at once, then each
   * as it comes until the last. Undefined when this replica does not follow it.
   */
  follow(
    id: string,
    listener: (event: DeployEvent, last: boolean) => void,
  ): (() => void) | undefined {
    const tracking = this.tracked.get(id);
    if (!tracking) {
      return undefined;
    }
    const send = (event: DeployEvent) =>
      listener(event, event.status !== 'progressing');
    tracking.events.forEach(send);
    if (tracking.done) {
      return () => {};
    }
    tracking.listeners.add(send);
    return () => tracking.listeners.delete(send);
  }

  /** Stops following everything, at shutdown. */
  stopAll() {
    for (const tracking of this.tracked.values()) {
      tracking.listeners.clear();
    }
  }
}
