import { Route, Routes } from 'react-router-dom';
import { ClusterPage } from '../ClusterPage';
import { ClustersDashboard } from '../ClustersDashboard';
import { InfrastructurePage } from '../InfrastructurePage';
import { SearchPage } from '../SearchPage';

/**
 * The platform team's Kubernetes page: the clusters dashboard, and under it
 * each cluster's own page, search over every cluster, and the
 * infrastructure page.
 */
export function K8sOpsPage() {
  return (
    <Routes>
      <Route path="/" element={<ClustersDashboard />} />
      <Route path="/search" element={<SearchPage />} />
      <Route path="/clusters/:cluster/*" element={<ClusterPage />} />
      <Route path="/infrastructure" element={<InfrastructurePage />} />
    </Routes>
  );
}
