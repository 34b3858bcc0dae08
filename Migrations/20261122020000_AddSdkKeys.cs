using FlagAdmin.Storage.Postgres;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FlagAdmin.Migrations;

/// <summary>
/// SDK keys: one row per key, holding only the SHA-256 of its secret (unique), gone with its environment.
/// Written by hand like <see cref="InitialCreate"/>; MigrationsMatchModelTests proves it matches the model.
/// </summary>
[DbContext(typeof(FlagAdminDbContext))]
[Migration("20261122020000_AddSdkKeys")]
public sealed class AddSdkKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "sdk_keys",
            columns: table => new
            {
                id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                project_key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                environment_key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                prefix = table.Column<string>(type: "text", nullable: false),
                secret_hash = table.Column<string>(type: "text", nullable: false),
                created_by = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                revoked_by = table.Column<string>(type: "text", nullable: true),
                revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_sdk_keys", x => x.id);
                table.ForeignKey(
                    name: "fk_sdk_keys_environments_project_key_environment_key",
                    columns: x => new { x.project_key, x.environment_key },
                    principalTable: "environments",
                    principalColumns: ["project_key", "key"],
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "ix_sdk_keys_secret_hash",
            table: "sdk_keys",
            column: "secret_hash",
            unique: true);
        migrationBuilder.CreateIndex(
            name: "ix_sdk_keys_project_key_environment_key",
            table: "sdk_keys",
            columns: ["project_key", "environment_key"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "sdk_keys");
}
