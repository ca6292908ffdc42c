import { Route, Routes } from 'react-router-dom';
import { ClusterPage } from '../ClusterPage';
import { ClustersDashboard } from '../ClustersDashboard';
import { DeployPage } from '../DeployPage';

/**
 * The platform team's Kubernetes page: the clusters dashboard, and under it
 * each cluster's own page and the deploy page.
 */
export function K8sOpsPage() {
  return (
    <Routes>
      <Route path="/" element={<ClustersDashboard />} />
      <Route path="/clusters/:cluster/*" element={<ClusterPage />} />
      <Route path="/deploy" element={<DeployPage />} />
    </Routes>
  );
}
