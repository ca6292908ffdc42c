// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('k8s_ops_audit', table => {
    table.comment('Audit trail of every k8s-ops mutation and sensitive read');
    table.increments('id').primary();
    table
      .string('created_at', 32)
      .notNullable()
      .comment('ISO 8601 UTC time the action finished');
    table.string('actor', 255).notNullable();
    table.string('action', 64).notNullable();
    table.string('cluster', 253).nullable();
    table.string('namespace', 63).nullable();
    table.string('kind', 253).nullable();
    table.string('name', 253).nullable();
    table.string('outcome', 16).notNullable();
    table.integer('status').notNullable();
    table.text('summary').nullable();
    table.index(['created_at'], 'k8s_ops_audit_created_at_idx');
    table.index(['cluster', 'namespace'], 'k8s_ops_audit_target_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('k8s_ops_audit');
};
