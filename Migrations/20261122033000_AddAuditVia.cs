using FlagAdmin.Storage.Postgres;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FlagAdmin.Migrations;

/// <summary>
/// Audit entries say how the actor came in when not through the browser (e.g. <c>token 'ci-deploy'</c>):
/// a nullable column, so adding it rewrites nothing and older entries simply have none.
/// </summary>
[DbContext(typeof(FlagAdminDbContext))]
[Migration("20261122033000_AddAuditVia")]
public sealed class AddAuditVia : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "via", table: "audit_entries", type: "text", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "via", table: "audit_entries");
}
