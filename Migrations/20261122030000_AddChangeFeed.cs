using FlagAdmin.Storage.Postgres;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FlagAdmin.Migrations;

/// <summary>
/// Turns the audit log into the change feed other processes follow (docs/decisions/0006): every entry
/// records its transaction's id, and inserting an entry sends <c>NOTIFY flagadmin_changes</c> with the
/// project key, delivered only if the write commits. A trigger rather than a statement in each write:
/// no write can forget it, raw SQL paths included, and it costs no round trip.
/// </summary>
[DbContext(typeof(FlagAdminDbContext))]
[Migration("20261122030000_AddChangeFeed")]
public sealed class AddChangeFeed : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // A constant default adds the column without rewriting the table: existing entries get 0, below every
        // listener's horizon. Only then the real default, evaluated per insert.
        migrationBuilder.Sql("ALTER TABLE audit_entries ADD COLUMN tx_id xid8 NOT NULL DEFAULT '0'");
        migrationBuilder.Sql("ALTER TABLE audit_entries ALTER COLUMN tx_id SET DEFAULT pg_current_xact_id()");
        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_tx_id",
            table: "audit_entries",
            column: "tx_id");

        // The channel is spelled out, not taken from PostgresChangeListener.Channel: a migration must not change once applied.
        migrationBuilder.Sql("""
            CREATE FUNCTION flagadmin_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('flagadmin_changes', NEW.project_key);
                RETURN NULL;
            END
            $$
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER audit_entries_notify AFTER INSERT ON audit_entries
            FOR EACH ROW EXECUTE FUNCTION flagadmin_notify_change()
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER audit_entries_notify ON audit_entries");
        migrationBuilder.Sql("DROP FUNCTION flagadmin_notify_change()");
        migrationBuilder.DropIndex(name: "ix_audit_entries_tx_id", table: "audit_entries");
        migrationBuilder.DropColumn(name: "tx_id", table: "audit_entries");
    }
}
