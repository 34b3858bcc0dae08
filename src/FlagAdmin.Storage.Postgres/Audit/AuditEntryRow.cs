using FlagAdmin.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlagAdmin.Storage.Postgres.Audit;

/// <summary>
/// A row of <c>audit_entries</c>. No foreign keys: the history of a flag outlives the flag. Before and
/// after are <c>json</c>, so they come back exactly as written. Other processes follow these rows by
/// <c>tx_id</c> (migration AddChangeFeed); <c>ChangeSignal</c> wakes them after the write commits.
/// </summary>
internal sealed class AuditEntryRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public AuditAction Action { get; set; }
    public required string ProjectKey { get; set; }
    public string? EnvironmentKey { get; set; }
    public string? FlagKey { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Reason { get; set; }
    public string? Via { get; set; }

    /// <summary>
    /// The writing transaction's id (<c>pg_current_xact_id()</c>, set by the database). Other processes read
    /// the changes they have not seen by it: see <see cref="Changes.PostgresChangeListener"/>.
    /// </summary>
    public ulong TxId { get; set; }
}

internal sealed class AuditEntryRowConfiguration : IEntityTypeConfiguration<AuditEntryRow>
{
    public void Configure(EntityTypeBuilder<AuditEntryRow> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(a => a.Id).HasName("pk_audit_entries");
        builder.Property(a => a.Id).HasColumnName("id").UseIdentityByDefaultColumn();
        builder.Property(a => a.At).HasColumnName("at");
        builder.Property(a => a.Actor).HasColumnName("actor");
        builder.Property(a => a.Action).HasColumnName("action").HasConversion<string>();
        builder.Property(a => a.ProjectKey).HasColumnName("project_key").UseCollation(Columns.OrdinalCollation);
        builder.Property(a => a.EnvironmentKey).HasColumnName("environment_key").UseCollation(Columns.OrdinalCollation);
        builder.Property(a => a.FlagKey).HasColumnName("flag_key").UseCollation(Columns.OrdinalCollation);
        builder.Property(a => a.Before).HasColumnName("before").HasColumnType(Columns.Json);
        builder.Property(a => a.After).HasColumnName("after").HasColumnType(Columns.Json);
        builder.Property(a => a.Reason).HasColumnName("reason");
        builder.Property(a => a.Via).HasColumnName("via");
        builder.Property(a => a.TxId).HasColumnName("tx_id").HasColumnType("xid8").HasDefaultValueSql("pg_current_xact_id()");

        // Every audit read is one project's entries newest first, optionally narrowed by one of these.
        builder.HasIndex(a => new { a.ProjectKey, a.Id }).IsDescending(false, true)
            .HasDatabaseName("ix_audit_entries_project_key_id");
        builder.HasIndex(a => new { a.ProjectKey, a.FlagKey, a.Id }).IsDescending(false, false, true)
            .HasDatabaseName("ix_audit_entries_project_key_flag_key_id");
        builder.HasIndex(a => new { a.ProjectKey, a.EnvironmentKey, a.Id }).IsDescending(false, false, true)
            .HasDatabaseName("ix_audit_entries_project_key_environment_key_id");
        builder.HasIndex(a => new { a.ProjectKey, a.Actor, a.Id }).IsDescending(false, false, true)
            .HasDatabaseName("ix_audit_entries_project_key_actor_id");
        builder.HasIndex(a => new { a.ProjectKey, a.Action, a.Id }).IsDescending(false, false, true)
            .HasDatabaseName("ix_audit_entries_project_key_action_id");
        builder.HasIndex(a => new { a.ProjectKey, a.At }).HasDatabaseName("ix_audit_entries_project_key_at");
        // The change listener's catch-up: every entry from its horizon on.
        builder.HasIndex(a => a.TxId).HasDatabaseName("ix_audit_entries_tx_id");
    }
}
