import { createBackend } from '@backstage/backend-defaults';
import { catalogModuleK8sOpsInfra } from '@k8s-ops/plugin-k8s-ops-backend';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: the guest provider for local use.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@k8s-ops/plugin-scaffolder-backend-module-k8s-ops'));

// Permissions decided by the example k8s-ops policy.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@k8s-ops/plugin-permission-backend-module-k8s-ops-policy'));

backend.add(import('@k8s-ops/plugin-k8s-ops-backend'));
// Offers scanned infrastructure to the catalog once
// k8sOps.catalog.infraResources.enabled is set.
backend.add(catalogModuleK8sOpsInfra);

backend.start();
