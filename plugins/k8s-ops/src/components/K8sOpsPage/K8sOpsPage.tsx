import { Route, Routes } from 'react-router-dom';
import { ClusterPage } from '../ClusterPage';
import { ClustersDashboard } from '../ClustersDashboard';
import { InfrastructurePage } from '../InfrastructurePage';

/**
 * The platform team's Kubernetes page: the clusters dashboard, and under it
 * each cluster's own page, and the infrastructure page.
 */
export function K8sOpsPage() {
  return (
    <Routes>
      <Route path="/" element={<ClustersDashboard />} />
      <Route path="/clusters/:cluster/*" element={<ClusterPage />} />
      <Route path="/infrastructure" element={<InfrastructurePage />} />
    </Routes>
  );
}
