import { useApiHolder } from '@backstage/frontend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useEffect, useState } from 'react';

/** Whether a ref names a catalog entity (`user:default/dana`). */
function entityRefOf(ref: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch {
    // Not an entity: a service or plugin acting.
    return undefined;
  }
}

/**
 * The catalog's display names of the people and groups among some refs,
 * by ref: `user:default/dana` → `Dana Scully`. Refs the catalog does not
 * know, or an app without a catalog, keep no name.
 */
export function useDisplayNames(refs: string[]): Map<string, string> {
  const catalog = useApiHolder().get(catalogApiRef);
  const [names, setNames] = useState(new Map<string, string>());
  const wanted = [
    ...new Set(refs.map(entityRefOf).filter((r): r is string => !!r)),
  ]
    .filter(ref => !names.has(ref))
    .sort()
    .join('\n');

  useEffect(() => {
    if (!catalog || !wanted) return undefined;
    let active = true;
    const entityRefs = wanted.split('\n');
    catalog
      .getEntitiesByRefs({
        entityRefs,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.profile.displayName',
        ],
      })
      .then(({ items }) => {
        if (!active) return;
        setNames(current => {
          const next = new Map(current);
          items.forEach((entity, i) => {
            const profile = (
              entity?.spec as { profile?: { displayName?: string } }
            )?.profile;
            const name =
              profile?.displayName ?? entity?.metadata.title ?? undefined;
            // Asked once: an unknown ref keeps its ref as its name.
            next.set(entityRefs[i], name ?? '');
          });
          return next;
        });
      })
      .catch(() => {
        // Names are a nicety: the refs are shown as they are.
        if (active) {
          setNames(current => {
            const next = new Map(current);
            entityRefs.forEach(ref => next.set(ref, ''));
            return next;
          });
        }
      });
    return () => {
      active = false;
    };
  }, [catalog, wanted]);

  return names;
}
