// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('k8s_ops_audit', table => {
    table
      .boolean('dry_run')
      .notNullable()
      .defaultTo(false)
      .comment('A preview that changed nothing');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('k8s_ops_audit', table => {
    table.dropColumn('dry_run');
  });
};
