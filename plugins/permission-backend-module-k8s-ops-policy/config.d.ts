export interface Config {
  permission?: {
    /** Groups of the k8s-ops permission policy, as entity refs. */
    k8sOps?: {
      /** May do everything; defaults to `group:default/platform-oncall`. */
      oncallGroups?: string[];
      /**
       * May do everything except changing objects on production clusters;
       * defaults to `group:default/platform`.
       */
      platformGroups?: string[];
      /** Cluster groups that are production; defaults to `prod`. */
      productionGroups?: string[];
    };
  };
}
