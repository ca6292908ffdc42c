import { InfraCategory } from '@k8s-ops/plugin-k8s-ops-common';

/**
 * An operator's custom resource that stands for an instance, recognised
 * when its CRD is installed.
 */
export interface OperatorRule {
  group: string;
  kind: string;
  /** The label the operator puts on the objects it makes for an instance. */
  instanceLabel?: string;
  /** Dotted paths into the object, the first one present wins. */
  readyPaths?: string[];
  desiredPaths?: string[];
  /** A version, or an image whose tag is the version. */
  versionPaths?: string[];
}

/**
 * How one type of infrastructure service is recognised. Images are the last
 * segment of the repository (registry and tag stripped; `*` ends a prefix)
 * or a full repository path; names match `app.kubernetes.io/name` and parts
 * of workload names; charts match `helm.sh/chart` without its version.
 */
export interface ServiceTypeRule {
  type: string;
  title: string;
  category: InfraCategory;
  images: string[];
  ports: number[];
  names: string[];
  charts: string[];
  operators?: OperatorRule[];
}

/** Every service type a scan looks for; adding one is one entry here. */
export const SERVICE_TYPES: ServiceTypeRule[] = [
  {
    type: 'postgresql',
    title: 'PostgreSQL',
    category: 'database',
    images: [
      'postgres',
      'postgresql',
      'postgresql-repmgr',
      'postgis',
      'pgvector',
      'timescaledb',
      'timescaledb-ha',
      'spilo*',
      'crunchy-postgres',
    ],
    ports: [5432],
    names: ['postgres', 'postgresql', 'pg', 'postgis'],
    charts: ['postgresql', 'postgresql-ha'],
    operators: [
      {
        group: 'postgresql.cnpg.io',
        kind: 'Cluster',
        instanceLabel: 'cnpg.io/cluster',
        readyPaths: ['status.readyInstances'],
        desiredPaths: ['spec.instances'],
        versionPaths: ['spec.imageName'],
      },
      {
        group: 'acid.zalan.do',
        kind: 'postgresql',
        instanceLabel: 'cluster-name',
        desiredPaths: ['spec.numberOfInstances'],
        versionPaths: ['spec.postgresql.version'],
      },
      {
        group: 'postgres-operator.crunchydata.com',
        kind: 'PostgresCluster',
        instanceLabel: 'postgres-operator.crunchydata.com/cluster',
        versionPaths: ['spec.postgresVersion'],
      },
    ],
  },
  {
    type: 'mysql',
    title: 'MySQL / MariaDB',
    category: 'database',
    images: [
      'mysql',
      'mysql-server',
      'mariadb',
      'mariadb-galera',
      'percona-server',
      'percona-xtradb-cluster',
    ],
    ports: [3306],
    names: ['mysql', 'mariadb'],
    charts: ['mysql', 'mariadb', 'mariadb-galera'],
    operators: [
      {
        group: 'k8s.mariadb.com',
        kind: 'MariaDB',
        desiredPaths: ['spec.replicas'],
        versionPaths: ['spec.image'],
      },
      {
        group: 'pxc.percona.com',
        kind: 'PerconaXtraDBCluster',
        desiredPaths: ['spec.pxc.size'],
        versionPaths: ['spec.pxc.image'],
      },
      {
        group: 'mysql.oracle.com',
        kind: 'InnoDBCluster',
        desiredPaths: ['spec.instances'],
        versionPaths: ['spec.version'],
      },
    ],
  },
  {
    type: 'mongodb',
    title: 'MongoDB',
    category: 'database',
    images: [
      'mongo',
      'mongodb',
      'mongodb-community-server',
      'mongodb-enterprise-server',
      'percona-server-mongodb',
    ],
    ports: [27017],
    names: ['mongo', 'mongodb'],
    charts: ['mongodb', 'mongodb-sharded'],
    operators: [
      {
        group: 'mongodbcommunity.mongodb.com',
        kind: 'MongoDBCommunity',
        desiredPaths: ['spec.members'],
        versionPaths: ['spec.version'],
      },
      {
        group: 'psmdb.percona.com',
        kind: 'PerconaServerMongoDB',
        versionPaths: ['spec.image'],
      },
    ],
  },
  {
    type: 'redis',
    title: 'Redis / Valkey',
    category: 'cache',
    images: [
      'redis',
      'redis-stack',
      'redis-stack-server',
      'redis-cluster',
      'valkey',
      'valkey-cluster',
      'keydb',
    ],
    ports: [6379],
    names: ['redis', 'valkey', 'keydb'],
    charts: ['redis', 'redis-cluster', 'valkey', 'valkey-cluster'],
    operators: [
      {
        group: 'databases.spotahome.com',
        kind: 'RedisFailover',
        desiredPaths: ['spec.redis.replicas'],
        versionPaths: ['spec.redis.image'],
      },
      {
        group: 'redis.redis.opstreelabs.in',
        kind: 'Redis',
        versionPaths: ['spec.kubernetesConfig.image'],
      },
    ],
  },
  {
    type: 'memcached',
    title: 'Memcached',
    category: 'cache',
    images: ['memcached'],
    ports: [11211],
    names: ['memcached', 'memcache'],
    charts: ['memcached'],
  },
  {
    type: 'qdrant',
    title: 'Qdrant',
    category: 'database',
    images: ['qdrant'],
    ports: [6333, 6334],
    names: ['qdrant'],
    charts: ['qdrant'],
  },
  {
    type: 'neo4j',
    title: 'Neo4j',
    category: 'database',
    images: ['neo4j'],
    ports: [7687, 7474],
    names: ['neo4j'],
    charts: ['neo4j', 'neo4j-standalone', 'neo4j-cluster-core'],
  },
  {
    type: 'elasticsearch',
    title: 'Elasticsearch / OpenSearch',
    category: 'search',
    images: ['elasticsearch', 'opensearch'],
    ports: [9200],
    names: ['elasticsearch', 'opensearch', 'es'],
    charts: ['elasticsearch', 'opensearch'],
    operators: [
      {
        group: 'elasticsearch.k8s.elastic.co',
        kind: 'Elasticsearch',
        instanceLabel: 'elasticsearch.k8s.elastic.co/cluster-name',
        readyPaths: ['status.availableNodes'],
        versionPaths: ['spec.version'],
      },
      {
        group: 'opensearch.opster.io',
        kind: 'OpenSearchCluster',
        versionPaths: ['spec.general.version'],
      },
    ],
  },
  {
    type: 'kafka',
    title: 'Kafka',
    category: 'queue',
    images: ['kafka', 'cp-kafka', 'kafka-native', 'cp-server'],
    ports: [9092],
    names: ['kafka'],
    charts: ['kafka'],
    operators: [
      {
        group: 'kafka.strimzi.io',
        kind: 'Kafka',
        instanceLabel: 'strimzi.io/cluster',
        desiredPaths: ['spec.kafka.replicas'],
        versionPaths: ['spec.kafka.version'],
      },
    ],
  },
  {
    type: 'rabbitmq',
    title: 'RabbitMQ',
    category: 'queue',
    images: ['rabbitmq'],
    ports: [5672],
    names: ['rabbitmq', 'rabbit'],
    charts: ['rabbitmq'],
    operators: [
      {
        group: 'rabbitmq.com',
        kind: 'RabbitmqCluster',
        instanceLabel: 'app.kubernetes.io/name',
        desiredPaths: ['spec.replicas'],
        versionPaths: ['spec.image'],
      },
    ],
  },
  {
    type: 'nats',
    title: 'NATS',
    category: 'queue',
    images: ['nats', 'nats-streaming'],
    ports: [4222],
    names: ['nats'],
    charts: ['nats'],
  },
  {
    type: 'minio',
    title: 'MinIO',
    category: 'storage',
    images: ['minio'],
    ports: [9000],
    names: ['minio'],
    charts: ['minio'],
    operators: [
      {
        group: 'minio.min.io',
        kind: 'Tenant',
        instanceLabel: 'v1.min.io/tenant',
        versionPaths: ['spec.image'],
      },
    ],
  },
  {
    type: 'clickhouse',
    title: 'ClickHouse',
    category: 'database',
    images: ['clickhouse-server', 'clickhouse'],
    ports: [8123, 9000],
    names: ['clickhouse'],
    charts: ['clickhouse'],
    operators: [
      {
        group: 'clickhouse.altinity.com',
        kind: 'ClickHouseInstallation',
        instanceLabel: 'clickhouse.altinity.com/chi',
      },
    ],
  },
];
