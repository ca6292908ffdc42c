import { Route, Routes } from 'react-router-dom';
import { ClusterPage } from '../ClusterPage';
import { ClustersDashboard } from '../ClustersDashboard';
import { DeployPage } from '../DeployPage';
import { InfrastructurePage } from '../InfrastructurePage';
import { SearchPage } from '../SearchPage';

/**
 * The platform team's Kubernetes page: the clusters dashboard, and under it
 * each cluster's own page, search over every cluster, the infrastructure
 * page and the deploy page.
 */
export function K8sOpsPage() {
  return (
    <Routes>
      <Route path="/" element={<ClustersDashboard />} />
      <Route path="/search" element={<SearchPage />} />
      <Route path="/clusters/:cluster/*" element={<ClusterPage />} />
      <Route path="/infrastructure" element={<InfrastructurePage />} />
      <Route path="/deploy" element={<DeployPage />} />
    </Routes>
  );
}
