// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('k8s_ops_clusters', table => {
    table.comment(
      'Clusters registered at run time; credentials sealed with AES-256-GCM',
    );
    table.string('name', 63).primary();
    table.string('title', 255).notNullable();
    table.string('url', 2048).notNullable();
    table.string('group', 63).nullable();
    table.text('labels').notNullable().comment('JSON object');
    table.boolean('read_only').notNullable().defaultTo(false);
    table.boolean('impersonate').notNullable().defaultTo(false);
    table
      .text('credentials')
      .notNullable()
      .comment('Sealed JSON of the credentials');
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
  });
  await knex.schema.createTable('k8s_ops_cluster_health', table => {
    table.comment('Last health check of each cluster, shared by every replica');
    table.string('name', 63).primary();
    table.string('status', 16).notNullable();
    table.string('version', 64).nullable();
    table.integer('nodes').nullable();
    table.integer('latency_ms').nullable();
    table.text('error').nullable();
    table.string('checked_at', 32).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('k8s_ops_cluster_health');
  await knex.schema.dropTable('k8s_ops_clusters');
};
