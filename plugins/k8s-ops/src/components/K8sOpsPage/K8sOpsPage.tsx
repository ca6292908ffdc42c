import { Route, Routes } from 'react-router-dom';
import { ClusterPage } from '../ClusterPage';
import { ClustersDashboard } from '../ClustersDashboard';
import { SearchPage } from '../SearchPage';

/**
 * The platform team's Kubernetes page: the clusters dashboard, and under it
 * each cluster's own page, and search over every cluster.
 */
export function K8sOpsPage() {
  return (
    <Routes>
      <Route path="/" element={<ClustersDashboard />} />
      <Route path="/search" element={<SearchPage />} />
      <Route path="/clusters/:cluster/*" element={<ClusterPage />} />
    </Routes>
  );
}
