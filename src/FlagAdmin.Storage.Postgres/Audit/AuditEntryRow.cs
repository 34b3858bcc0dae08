using FlagAdmin.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlagAdmin.Storage.Postgres.Audit;

/// <summary>
/// A row of <c>audit_entries</c>. No foreign keys: the history of a flag outlives the flag. Before and
/// after are <c>json</c>, so they come back exactly as written.
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

        // Every audit read is one project's entries newest first, optionally narrowed by one of these.
        builder.HasIndex(a => new { a.ProjectKey, a.Id }).IsDescending(false, true)
            .HasDatabaseName("ix_audit_entries_project_key_id");
        builder.HasIndex(a => new { a.ProjectKey, a.FlagKey, a.Id }).IsDescending(false, false, true)
            .HasDatabaseName("ix_audit_entries_project_key_flag_key_id");
        builder.HasIndex(a => new { a.ProjectKey, a.EnvironmentKey, a.Id }).IsDescending(false, false, true)
            .HasDatabaseName("ix_audit_entries_project_key_environment_key_id");
        builder.HasIndex(a => new { a.ProjectKey, a.Actor, a.Id }).IsDescending(false, false, true)
            .HasDatabaseName("ix_audit_entries_project_key_actor_id");
        builder.HasIndex(a => new { a.ProjectKey, a.At }).HasDatabaseName("ix_audit_entries_project_key_at");
    }
}
