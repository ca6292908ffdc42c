import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import k8sOpsPlugin from '@k8s-ops/plugin-k8s-ops/alpha';
import { navModule } from './modules/nav';

export default createApp({
  features: [catalogPlugin, k8sOpsPlugin, navModule],
});
