using FlagAdmin.Storage.Postgres;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FlagAdmin.Migrations;

/// <summary>
/// Turns the audit log into the change feed other processes follow (docs/decisions/0006): every entry
/// records its transaction's id, indexed, so a listener reads what committed since its horizon. No trigger
/// sends NOTIFY: a NOTIFY inside a write transaction makes commits go one at a time, so the application
/// notifies after committing, on a connection of its own (<c>ChangeSignal</c>).
/// </summary>
[DbContext(typeof(FlagAdminDbContext))]
[Migration("20261122030000_AddChangeFeed")]
public sealed class AddChangeFeed : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // A constant default adds the column without rewriting the table: existing entries get 0, below every
        // listener's horizon. Only then the real default, evaluated per insert.
        migrationBuilder.Sql("ALTER TABLE audit_entries ADD COLUMN tx_id xid8 NOT NULL DEFAULT '0';");
        migrationBuilder.Sql("ALTER TABLE audit_entries ALTER COLUMN tx_id SET DEFAULT pg_current_xact_id();");
        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_tx_id",
            table: "audit_entries",
            column: "tx_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "ix_audit_entries_tx_id", table: "audit_entries");
        migrationBuilder.DropColumn(name: "tx_id", table: "audit_entries");
    }
}
