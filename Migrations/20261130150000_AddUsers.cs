using FlagAdmin.Storage.Postgres;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FlagAdmin.Migrations;

/// <summary>
/// Users (email stored lowercase, unique), their sign-in bookkeeping in a table of its own so a sign-in does not
/// change the user's version, and their access tokens (only the SHA-256 of the secret, unique). Written by hand
/// like <see cref="InitialCreate"/>; MigrationsMatchModelTests proves it matches the model.
/// </summary>
[DbContext(typeof(FlagAdminDbContext))]
[Migration("20261130150000_AddUsers")]
public sealed class AddUsers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "users",
            columns: table => new
            {
                id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                email = table.Column<string>(type: "text", nullable: false, collation: "C"),
                display_name = table.Column<string>(type: "text", nullable: false),
                role = table.Column<string>(type: "text", nullable: false),
                is_active = table.Column<bool>(type: "boolean", nullable: false),
                password_hash = table.Column<string>(type: "text", nullable: false),
                created_by = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                updated_by = table.Column<string>(type: "text", nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_users", x => x.id);
                table.CheckConstraint("ck_users_email_lowercase", "email = lower(email)");
            });

        migrationBuilder.CreateIndex(
            name: "ix_users_email",
            table: "users",
            column: "email",
            unique: true);

        migrationBuilder.CreateTable(
            name: "user_sign_ins",
            columns: table => new
            {
                user_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                failed_sign_ins = table.Column<int>(type: "integer", nullable: false),
                locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                last_sign_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_sign_ins", x => x.user_id);
                table.ForeignKey(
                    name: "fk_user_sign_ins_users_user_id",
                    column: x => x.user_id,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "access_tokens",
            columns: table => new
            {
                id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                user_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                name = table.Column<string>(type: "text", nullable: false),
                role = table.Column<string>(type: "text", nullable: false),
                prefix = table.Column<string>(type: "text", nullable: false),
                secret_hash = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                revoked_by = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_access_tokens", x => x.id);
                table.ForeignKey(
                    name: "fk_access_tokens_users_user_id",
                    column: x => x.user_id,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "ix_access_tokens_secret_hash",
            table: "access_tokens",
            column: "secret_hash",
            unique: true);
        migrationBuilder.CreateIndex(
            name: "ix_access_tokens_user_id",
            table: "access_tokens",
            column: "user_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "access_tokens");
        migrationBuilder.DropTable(name: "user_sign_ins");
        migrationBuilder.DropTable(name: "users");
    }
}
