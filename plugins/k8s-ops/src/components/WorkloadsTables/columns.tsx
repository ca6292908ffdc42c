import { TableColumn } from '@backstage/core-components';
import {
  podReadiness,
  podRestarts,
  podStatus,
  readiness,
} from '@k8s-ops/plugin-k8s-ops-common';
import { age } from '../../lib/format';
import { ObjectActionsControl } from '../ObjectActions';
import {
  ImagesCell,
  KindCell,
  NameCell,
  ObjectRow,
  ProblemsCell,
  StatusChip,
} from './cells';

// Module constants: material-table resets its state when the columns it is
// given change identity, and warns when they hold functions.

const nowrap = { whiteSpace: 'nowrap' } as const;
const narrow = { headerStyle: nowrap, cellStyle: nowrap };

const kind: TableColumn<ObjectRow> = {
  title: 'Kind',
  field: 'object.kind',
  ...narrow,
  render: r => <KindCell kind={r.object.kind} />,
};

const name = (title: string): TableColumn<ObjectRow> => ({
  title,
  field: 'object.metadata.name',
  highlight: true,
  // Whole names: a name broken in the middle reads as two.
  cellStyle: nowrap,
  render: r => <NameCell row={r} />,
});

const namespace: TableColumn<ObjectRow> = {
  title: 'Namespace',
  field: 'object.metadata.namespace',
  ...narrow,
};

const ageColumn: TableColumn<ObjectRow> = {
  title: 'Age',
  ...narrow,
  render: r => age(r.object),
  customSort: (a, b) =>
    (b.object.metadata.creationTimestamp ?? '').localeCompare(
      a.object.metadata.creationTimestamp ?? '',
    ),
};

const problems: TableColumn<ObjectRow> = {
  title: 'Problems',
  sorting: false,
  cellStyle: { minWidth: 180, maxWidth: 420 },
  render: r => <ProblemsCell row={r} />,
};

const actions: TableColumn<ObjectRow> = {
  title: 'Actions',
  sorting: false,
  ...narrow,
  render: r => (
    <ObjectActionsControl
      object={r.object}
      target={r.ref}
      readOnly={r.readOnly}
    />
  ),
};

/** Workload controllers: kind, readiness, images and problems. */
export const workloadColumns: TableColumn<ObjectRow>[] = [
  kind,
  name('Name'),
  namespace,
  {
    title: 'Ready',
    ...narrow,
    render: r => {
      if (r.object.kind === 'Job' || r.object.kind === 'CronJob') {
        return '';
      }
      const { ready, desired } = readiness(r.object);
      return `${ready}/${desired}`;
    },
  },
  {
    title: 'Images',
    sorting: false,
    // Short images (no registry, no digest) fit whole.
    cellStyle: nowrap,
    render: r => <ImagesCell object={r.object} />,
  },
  ageColumn,
  problems,
  actions,
];

const GOOD_POD_STATES = ['Running', 'Completed', 'Succeeded'];

/** Pods: status, readiness, restarts, node and problems. */
export const podColumns: TableColumn<ObjectRow>[] = [
  name('Pod'),
  namespace,
  {
    title: 'Status',
    render: r => {
      const status = podStatus(r.object);
      return (
        <StatusChip label={status} bad={!GOOD_POD_STATES.includes(status)} />
      );
    },
  },
  {
    title: 'Ready',
    ...narrow,
    render: r => {
      const { ready, total } = podReadiness(r.object);
      return `${ready}/${total}`;
    },
  },
  {
    title: 'Restarts',
    ...narrow,
    render: r => podRestarts(r.object),
    customSort: (a, b) => podRestarts(a.object) - podRestarts(b.object),
  },
  {
    title: 'Node',
    ...narrow,
    render: r => (r.object.spec as { nodeName?: string })?.nodeName,
  },
  ageColumn,
  problems,
  actions,
];

/** Services, Ingresses, autoscalers, ConfigMaps and custom resources. */
export const otherColumns: TableColumn<ObjectRow>[] = [
  kind,
  name('Name'),
  namespace,
  {
    title: 'Details',
    field: 'details',
  },
  ageColumn,
];

/**
 * The same columns without the namespace: an entity whose objects all live
 * in one namespace says so once, above the tables.
 */
export function withoutNamespace(
  columns: TableColumn<ObjectRow>[],
): TableColumn<ObjectRow>[] {
  return columns.filter(c => c !== namespace);
}

/** Custom resources: as the kinds above, with the actions of their kind (a CloneSet scales). */
export const customColumns: TableColumn<ObjectRow>[] = [
  ...otherColumns,
  actions,
];
