// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('k8s_ops_deploys', table => {
    table.comment('Deploys of Compose services and their rollbacks');
    table.string('id', 36).primary().comment('Deploy id (UUID)');
    table.string('created_at', 32).notNullable();
    table.string('finished_at', 32).nullable();
    table.integer('duration_ms').nullable();
    table.string('actor', 255).notNullable();
    table.string('cluster', 63).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('service', 253).notNullable();
    table.string('name', 63).notNullable().comment('The Deployment');
    table
      .string('status', 16)
      .notNullable()
      .comment('progressing, available or failed');
    table.text('reason').nullable();
    table.string('rollback_of', 36).nullable();
    table
      .text('manifests')
      .notNullable()
      .comment('JSON: the objects applied, Secret values removed');
    table.index(['cluster', 'namespace', 'service'], 'k8s_ops_deploys_place');
    table.index(['created_at'], 'k8s_ops_deploys_created_at');
  });
  await knex.schema.createTable('k8s_ops_jobs', table => {
    table.comment(
      'Jobs run through the portal, with the logs kept when they end',
    );
    table.string('cluster', 63).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('name', 63).notNullable();
    table.string('run_id', 63).notNullable();
    table.string('actor', 255).notNullable();
    table.string('created_at', 32).notNullable();
    table.string('status', 16).notNullable();
    table.text('reason').nullable();
    table.string('start_time', 32).nullable();
    table.string('completion_time', 32).nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('pods').nullable().comment('JSON: the pods as last seen');
    table
      .text('logs')
      .nullable()
      .comment('JSON: the logs of its pods, capped, kept when it ended');
    table.primary(['cluster', 'namespace', 'name']);
    table.index(['cluster', 'run_id'], 'k8s_ops_jobs_run_id');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('k8s_ops_jobs');
  await knex.schema.dropTable('k8s_ops_deploys');
};
