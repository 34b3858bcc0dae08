using Microsoft.EntityFrameworkCore.Migrations;

namespace FlagAdmin.Migrations;

/// <summary>
/// The audit trail filters by action too. Without an index in id order per action, a rare action (an environment
/// renamed) made PostgreSQL walk a project's entries newest first until it found a page of them: all of them, at
/// a million entries. Building it locks writes to audit_entries briefly (seconds at a million rows).
/// </summary>
public sealed partial class AddAuditActionIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_project_key_action_id",
            table: "audit_entries",
            columns: ["project_key", "action", "id"],
            descending: [false, false, true]);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex(name: "ix_audit_entries_project_key_action_id", table: "audit_entries");
}
