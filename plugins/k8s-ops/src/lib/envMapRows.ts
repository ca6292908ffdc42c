import {
  EnvMap,
  EnvMapRequest,
  isSensitiveName,
} from '@k8s-ops/plugin-k8s-ops-common';

/** One row of the environment editor. */
export interface EnvRow {
  name: string;
  value: string;
  sensitive: boolean;
  /** The person set `sensitive` by hand; the name no longer decides. */
  sensitiveSet?: boolean;
  /** A secret value read hidden: kept as it is unless a new one is typed. */
  hidden?: boolean;
}

/** A row for a name typed or changed: marked sensitive by the name unless set by hand. */
export function renamedRow(row: EnvRow, name: string): EnvRow {
  return {
    ...row,
    name,
    sensitive: row.sensitiveSet ? row.sensitive : isSensitiveName(name),
  };
}

/** The rows of a map read from the backend. */
export function rowsOf(map: EnvMap): EnvRow[] {
  return map.variables.map(v => ({
    name: v.name,
    value: v.value,
    sensitive: v.sensitive,
    sensitiveSet: v.sensitive !== isSensitiveName(v.name),
    hidden: v.masked,
  }));
}

/**
 * The request of the rows: every row says itself where it goes, so what
 * the person sees is what is written; a hidden value left empty is kept.
 */
export function envMapRequest(
  name: string,
  rows: EnvRow[],
  dryRun: boolean,
): EnvMapRequest {
  const named = rows.filter(r => r.name.trim());
  const kept = named.filter(r => r.hidden && r.sensitive && r.value === '');
  const written = named.filter(r => !kept.includes(r));
  return {
    name: name.trim(),
    variables: Object.fromEntries(written.map(r => [r.name.trim(), r.value])),
    sensitive: Object.fromEntries(
      written.map(r => [r.name.trim(), r.sensitive]),
    ),
    ...(kept.length ? { keep: kept.map(r => r.name.trim()) } : {}),
    dryRun,
  };
}
