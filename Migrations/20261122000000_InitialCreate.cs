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
            name: "ix_flags_project_key_archived",
            table: "flags",
            columns: ["project_key", "archived"]);
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
        migrationBuilder.DropTable(name: "flags");
        migrationBuilder.DropTable(name: "environments");
        migrationBuilder.DropTable(name: "projects");
    }
}
