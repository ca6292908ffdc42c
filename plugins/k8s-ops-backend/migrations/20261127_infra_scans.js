// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('k8s_ops_infra_scans', table => {
    table.comment(
      'The last infrastructure scan of each cluster and namespace; a rescan replaces it',
    );
    table.string('cluster', 63).notNullable();
    table
      .string('namespace', 63)
      .notNullable()
      .comment('Empty for a scan of every namespace');
    table.string('scanned_at', 32).notNullable();
    table.string('scanned_by', 255).notNullable();
    table.integer('duration_ms').notNullable();
    table.integer('found').notNullable().comment('Instances found');
    table
      .text('services')
      .notNullable()
      .comment('JSON: every service type, found or not; Secret names only');
    table.primary(['cluster', 'namespace']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('k8s_ops_infra_scans');
};
