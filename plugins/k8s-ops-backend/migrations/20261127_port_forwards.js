// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('k8s_ops_port_forwards', table => {
    table.comment(
      'Port-forward sessions; the replica that holds each one keeps it alive',
    );
    table.string('id', 36).primary();
    table.string('replica', 255).notNullable();
    table.string('owner', 255).notNullable();
    table.string('cluster', 63).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('target_kind', 16).notNullable();
    table.string('target_name', 253).notNullable();
    table.string('pod', 253).notNullable();
    table.text('ports').notNullable().comment('JSON array of {port, podPort}');
    table
      .text('impersonation')
      .nullable()
      .comment('JSON {user, groups} on clusters that impersonate');
    table.string('state', 16).notNullable();
    table.text('error').nullable();
    table.string('started_at', 32).notNullable();
    table.string('last_used_at', 32).notNullable();
    table
      .string('heartbeat_at', 32)
      .notNullable()
      .comment('Last time the holding replica confirmed it holds the session');
    table.string('ended_at', 32).nullable();
    table.index(['state', 'replica'], 'k8s_ops_port_forwards_state_idx');
    table.index(['owner', 'state'], 'k8s_ops_port_forwards_owner_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('k8s_ops_port_forwards');
};
