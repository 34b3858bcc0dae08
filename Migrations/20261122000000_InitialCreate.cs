using FlagAdmin.Storage.Postgres;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace FlagAdmin.Migrations;

/// <summary>
/// The first schema, written by hand (see docs/decisions). Versions are PostgreSQL's own xmin system
/// column, so no version column is created. MigrationsMatchModelTests proves this matches the model.
/// </summary>
[DbContext(typeof(FlagAdminDbContext))]
[Migration("20261122000000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "projects",
            columns: table => new
            {
                key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                require_reason_in_protected_environments = table.Column<bool>(type: "boolean", nullable: false),
                created_by = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                updated_by = table.Column<string>(type: "text", nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_projects", x => x.key));

        migrationBuilder.CreateTable(
            name: "environments",
            columns: table => new
            {
                project_key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                sort_order = table.Column<int>(type: "integer", nullable: false),
                @protected = table.Column<bool>(name: "protected", type: "boolean", nullable: false),
                created_by = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                updated_by = table.Column<string>(type: "text", nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_environments", x => new { x.project_key, x.key });
                table.ForeignKey(
                    name: "fk_environments_projects_project_key",
                    column: x => x.project_key,
                    principalTable: "projects",
                    principalColumn: "key",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "flags",
            columns: table => new
            {
                project_key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                description = table.Column<string>(type: "text", nullable: false),
                kind = table.Column<string>(type: "text", nullable: false),
                variant_type = table.Column<string>(type: "text", nullable: false),
                variants = table.Column<string>(type: "jsonb", nullable: false),
                tags = table.Column<string[]>(type: "text[]", nullable: false),
                owner = table.Column<string>(type: "text", nullable: true),
                archived = table.Column<bool>(type: "boolean", nullable: false),
                created_by = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                updated_by = table.Column<string>(type: "text", nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_flags", x => new { x.project_key, x.key });
                table.ForeignKey(
                    name: "fk_flags_projects_project_key",
                    column: x => x.project_key,
                    principalTable: "projects",
                    principalColumn: "key",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "flag_states",
            columns: table => new
            {
                project_key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                flag_key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                environment_key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                enabled = table.Column<bool>(type: "boolean", nullable: false),
                rollout_basis_points = table.Column<int>(type: "integer", nullable: false),
                on_variant = table.Column<string>(type: "text", nullable: false),
                off_variant = table.Column<string>(type: "text", nullable: false),
                rules = table.Column<string>(type: "jsonb", nullable: false),
                config = table.Column<string>(type: "json", nullable: true),
                updated_by = table.Column<string>(type: "text", nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_flag_states", x => new { x.project_key, x.flag_key, x.environment_key });
                table.ForeignKey(
                    name: "fk_flag_states_flags_project_key_flag_key",
                    columns: x => new { x.project_key, x.flag_key },
                    principalTable: "flags",
                    principalColumns: ["project_key", "key"],
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_flag_states_environments_project_key_environment_key",
                    columns: x => new { x.project_key, x.environment_key },
                    principalTable: "environments",
                    principalColumns: ["project_key", "key"],
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "flag_counts",
            columns: table => new
            {
                project_key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                total = table.Column<int>(type: "integer", nullable: false),
                active = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_flag_counts", x => x.project_key);
                table.ForeignKey(
                    name: "fk_flag_counts_projects_project_key",
                    column: x => x.project_key,
                    principalTable: "projects",
                    principalColumn: "key",
                    onDelete: ReferentialAction.Cascade);
            });

        // flag_counts follows flags in the same transaction, whoever writes them. Statement-level triggers
        // with transition tables, so a bulk insert updates the count once. A project has one counter row,
        // so two writers never lock counters in opposite orders; an update locks it only when it changes
        // how many flags are archived. A deleted flag's counter may already be gone with its project: then
        // there is nothing to decrement.
        migrationBuilder.Sql("""
            CREATE FUNCTION count_flags() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO flag_counts AS c (project_key, total, active)
                    SELECT project_key, count(*), count(*) FILTER (WHERE NOT archived) FROM new_flags GROUP BY project_key
                    ON CONFLICT (project_key) DO UPDATE SET total = c.total + excluded.total, active = c.active + excluded.active;
                ELSIF TG_OP = 'DELETE' THEN
                    UPDATE flag_counts AS c SET total = c.total - d.total, active = c.active - d.active
                    FROM (
                        SELECT project_key, count(*) AS total, count(*) FILTER (WHERE NOT archived) AS active
                        FROM old_flags GROUP BY project_key
                    ) AS d
                    WHERE c.project_key = d.project_key;
                ELSE
                    UPDATE flag_counts AS c SET total = c.total + d.total, active = c.active + d.active
                    FROM (
                        SELECT project_key, sum(total)::int AS total, sum(active)::int AS active
                        FROM (
                            SELECT project_key, -1 AS total, CASE WHEN archived THEN 0 ELSE -1 END AS active FROM old_flags
                            UNION ALL
                            SELECT project_key, 1, CASE WHEN archived THEN 0 ELSE 1 END FROM new_flags
                        ) AS changes
                        GROUP BY project_key
                    ) AS d
                    WHERE c.project_key = d.project_key AND (d.total <> 0 OR d.active <> 0);
                END IF;
                RETURN NULL;
            END
            $$;
            CREATE TRIGGER flags_counted_on_insert AFTER INSERT ON flags
                REFERENCING NEW TABLE AS new_flags FOR EACH STATEMENT EXECUTE FUNCTION count_flags();
            CREATE TRIGGER flags_counted_on_update AFTER UPDATE ON flags
                REFERENCING OLD TABLE AS old_flags NEW TABLE AS new_flags FOR EACH STATEMENT EXECUTE FUNCTION count_flags();
            CREATE TRIGGER flags_counted_on_delete AFTER DELETE ON flags
                REFERENCING OLD TABLE AS old_flags FOR EACH STATEMENT EXECUTE FUNCTION count_flags();
            """);

        migrationBuilder.CreateTable(
            name: "audit_entries",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                actor = table.Column<string>(type: "text", nullable: false),
                action = table.Column<string>(type: "text", nullable: false),
                project_key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                environment_key = table.Column<string>(type: "text", nullable: true, collation: "C"),
                flag_key = table.Column<string>(type: "text", nullable: true, collation: "C"),
                before = table.Column<string>(type: "json", nullable: true),
                after = table.Column<string>(type: "json", nullable: true),
                reason = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_audit_entries", x => x.id));

        migrationBuilder.CreateIndex(
            name: "ix_flags_project_key_archived_key",
            table: "flags",
            columns: ["project_key", "archived", "key"]);
        migrationBuilder.CreateIndex(
            name: "ix_flags_project_key_name",
            table: "flags",
            columns: ["project_key", "name"]);
        migrationBuilder.CreateIndex(
            name: "ix_flags_project_key_updated_at",
            table: "flags",
            columns: ["project_key", "updated_at"]);
        migrationBuilder.CreateIndex(
            name: "ix_flags_project_key_created_at",
            table: "flags",
            columns: ["project_key", "created_at"]);
        migrationBuilder.CreateIndex(
            name: "ix_flags_tags",
            table: "flags",
            column: "tags")
            .Annotation("Npgsql:IndexMethod", "gin");

        migrationBuilder.CreateIndex(
            name: "ix_flag_states_project_key_environment_key_enabled_flag_key",
            table: "flag_states",
            columns: ["project_key", "environment_key", "enabled", "flag_key"]);

        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_project_key_id",
            table: "audit_entries",
            columns: ["project_key", "id"],
            descending: [false, true]);
        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_project_key_flag_key_id",
            table: "audit_entries",
            columns: ["project_key", "flag_key", "id"],
            descending: [false, false, true]);
        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_project_key_environment_key_id",
            table: "audit_entries",
            columns: ["project_key", "environment_key", "id"],
            descending: [false, false, true]);
        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_project_key_actor_id",
            table: "audit_entries",
            columns: ["project_key", "actor", "id"],
            descending: [false, false, true]);
        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_project_key_at",
            table: "audit_entries",
            columns: ["project_key", "at"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "audit_entries");
        migrationBuilder.DropTable(name: "flag_states");
        migrationBuilder.DropTable(name: "flag_counts");
        migrationBuilder.DropTable(name: "flags");
        migrationBuilder.Sql("DROP FUNCTION count_flags();");
        migrationBuilder.DropTable(name: "environments");
        migrationBuilder.DropTable(name: "projects");
    }
}
