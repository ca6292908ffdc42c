export interface Config {
  /** Configuration of the k8s-ops plugins. */
  k8sOps?: {
    /**
     * Refuse every mutation on every cluster.
     * @visibility frontend
     */
    readOnly?: boolean;

    /** Clusters defined in configuration. */
    clusters?: Array<{
      /** Unique name used in URLs: lowercase letters, digits and dashes. */
      name: string;
      /** Display title; defaults to the name. */
      title?: string;
      /** URL of the Kubernetes API server. */
      url: string;
      /** Base64 PEM of the certificate authority. */
      caData?: string;
      /** Path of a PEM file of the certificate authority. */
      caFile?: string;
      /**
       * Bearer token, usually a service account's.
       * @visibility secret
       */
      token?: string;
      /** Base64 PEM client certificate. */
      clientCertData?: string;
      /**
       * Base64 PEM client key.
       * @visibility secret
       */
      clientKeyData?: string;
      /** Skip verification of the server's certificate. */
      skipTLSVerify?: boolean;
      /** Free-form labels, used by permission rules and filters. */
      labels?: { [name: string]: string };
      /** Group or environment, such as prod, staging or dev. */
      group?: string;
      /** Refuse every mutation on this cluster. */
      readOnly?: boolean;
      /** Send the signed-in person's identity as Impersonate-User and Impersonate-Group. */
      impersonate?: boolean;
    }>;

    /** Every context of a local kubeconfig as clusters (opt-in). */
    kubeconfig?: {
      enabled?: boolean;
      /** Path of the kubeconfig; defaults to $KUBECONFIG or ~/.kube/config. */
      path?: string;
    };

    /** The cluster the backend runs in, through its service account (opt-in). */
    inCluster?: {
      enabled?: boolean;
      /** Name of the in-cluster cluster; defaults to `in-cluster`. */
      name?: string;
    };

    /** Encryption at rest of the credentials of registered clusters. */
    encryption?: {
      /**
       * Base64-encoded 32-byte keys (`openssl rand -base64 32`). The first
       * encrypts; all decrypt, so a new key goes first and the old one stays
       * until every cluster has been saved again. Without a key, clusters
       * cannot be registered.
       * @visibility secret
       */
      keys?: string[];
    };

    /** Registration of clusters from pasted kubeconfigs. */
    registration?: {
      /** Accept plain http:// API servers (never in production). */
      allowHttp?: boolean;
      /**
       * Accept kubeconfigs and imports with insecure-skip-tls-verify, which
       * turns off verification of the API server certificate (never in
       * production). Such clusters are shown as insecure.
       */
      allowInsecureSkipTlsVerify?: boolean;
    };

    /** The background health check of every cluster. */
    health?: {
      /** Seconds between checks; 60 by default. */
      intervalSeconds?: number;
      /**
       * Seconds the whole check of one cluster may take before it is
       * unreachable; 5 by default. Also bounds an on-demand check.
       */
      timeoutSeconds?: number;
    };

    /**
     * Timeouts towards every cluster, so that a sick cluster (one that
     * accepts connections and answers nothing) never holds a request.
     */
    timeouts?: {
      /** Seconds a read of an API server may take; 10 by default. */
      readSeconds?: number;
      /**
       * Seconds a change (every request but GET) may take before it fails
       * with 503 naming the cluster; 10 by default.
       */
      mutationSeconds?: number;
      /**
       * Seconds a watch may bring nothing before the cluster is asked
       * whether it still answers (it then has 3 s); a cluster that does not
       * answer has its cached data marked stale. 10 by default.
       */
      watchInactivitySeconds?: number;
      /** Seconds each discovery request may take; 5 by default. */
      discoverySeconds?: number;
      /**
       * Seconds a read waits for the first list of a kind while the cluster
       * makes no progress on it, before it fails with 503; 5 by default.
       */
      firstListSeconds?: number;
    };

    cache?: {
      /**
       * Kinds watched on every cluster from start-up, so that entity pages
       * answer at once; other kinds are watched from their first read.
       * Defaults to the workload kinds (pods, deployments.apps, ...).
       */
      prewarm?: string[];
      /**
       * Minutes after which a watched kind that nobody read, and that no
       * open page follows, stops being watched; defaults to 15.
       */
      idleMinutes?: number;
    };

    audit?: {
      /** Days audit entries are kept; defaults to 365. */
      retentionDays?: number;
      /**
       * Keep what a person types in a pod terminal in the audit row of the
       * session's end (at most 16 KiB); off by default.
       */
      execInput?: boolean;
    };

    /** Pod terminals. */
    terminal?: {
      /** Minutes without input after which a session is closed; 30 by default. */
      idleMinutes?: number;
      /** Sessions one person may have open at once on a replica; 5 by default. */
      maxSessionsPerPerson?: number;
      /** Node terminals: a privileged debug pod on the node (admins only). */
      nodeShell?: {
        /** Namespace of the debug pods; `default` by default. */
        namespace?: string;
        /** Image of the debug pods, with `nsenter` and a shell; `busybox:1.36` by default. */
        image?: string;
        /**
         * Minutes after which a debug pod nobody uses is removed by the
         * scheduled cleanup (one left by a backend that stopped); 30 by default.
         */
        idleMinutes?: number;
      };
    };

    /** What an entity's Kubernetes tab lists. */
    entityTab?: {
      /**
       * Custom resources labelled with the entity's selector, listed beside
       * its workloads: `true` (the default) for every namespaced custom
       * kind a cluster serves, `false` for none, or the kinds to list as the
       * resource routes accept them (`rollouts.argoproj.io`). Each kind
       * listed is watched on every cluster that serves it.
       */
      customResources?: boolean | string[];
    };

    /** The search index of every replica, fed by the watch cache. */
    search?: {
      /** Index and answer `GET /search`; true by default. */
      enabled?: boolean;
      /**
       * Kinds indexed (and so watched) on every cluster, as the resource
       * routes accept them. Defaults to pods, deployments, statefulsets,
       * daemonsets, replicasets, jobs, cronjobs, services, ingresses,
       * configmaps, secrets (names and keys only), persistentvolumeclaims,
       * namespaces and nodes.
       */
      kinds?: string[];
      /** Also index the kinds of installed CRD families the portal knows; true by default. */
      crdFamilies?: boolean;
      /**
       * Most objects the index holds (about 1 KB each); 500,000 by default.
       * Objects beyond it are not found, and a warning says so.
       */
      maxObjects?: number;
    };

    /** Port-forward sessions. */
    portForwards?: {
      /**
       * This backend replica's name in the sessions it holds, stable across
       * restarts (a StatefulSet pod name); the host name by default. After a
       * restart a replica reopens the sessions held under its name.
       */
      replica?: string;
      /** Sessions one person may have open; 5 by default. */
      maxPerPerson?: number;
      /** Sessions open in the whole portal; 100 by default. */
      maxTotal?: number;
      /** Minutes without a connection before a session stops; 30 by default. */
      idleMinutes?: number;
      /**
       * Seconds between checks of the sessions: stops made on other
       * replicas, idle sessions, replicas gone; 2 by default.
       */
      pollSeconds?: number;
    };

    catalog?: {
      /**
       * The catalog module `catalogModuleK8sOpsInfra` offers what
       * infrastructure scans found as Resource entities.
       */
      infraResources?: {
        enabled?: boolean;
        /** Owner of the entities; defaults to group:default/platform. */
        owner?: string;
        /** Minutes between refreshes; defaults to 5. */
        frequencyMinutes?: number;
      };
    };

    envMaps?: {
      /**
       * Parts of variable names (any case) that send a variable of an
       * environment map to its Secret; defaults to SECRET, KEY, PASSWORD,
       * PASS, TOKEN, CREDENTIAL. A request may give its own.
       */
      sensitivePatterns?: string[];
    };

    deploy?: {
      /**
       * Seconds a rollout may take to become available before the deploy
       * is reported failed; 600 by default.
       */
      rolloutTimeoutSeconds?: number;
    };

    jobs?: {
      /** Requests and limits of a job's container unless the run gives them. */
      resources?: {
        requests?: { cpu?: string; memory?: string };
        limits?: { cpu?: string; memory?: string };
      };
      /** Seconds a finished Job stays before Kubernetes removes it; 3600 by default. */
      ttlSecondsAfterFinished?: number;
      /** The most log text kept per job once it ends, in bytes; 256 KiB by default. */
      maxLogBytes?: number;
    };
  };
}
