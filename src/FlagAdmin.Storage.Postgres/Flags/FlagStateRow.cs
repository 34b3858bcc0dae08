using FlagAdmin.Storage.Postgres.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlagAdmin.Storage.Postgres.Flags;

/// <summary>
/// A row of <c>flag_states</c>: one flag in one environment. Versioned by its own <c>xmin</c>, so a state
/// change never touches the flag row and edits to different environments never conflict.
/// </summary>
internal sealed class FlagStateRow
{
    public required string ProjectKey { get; set; }
    public required string FlagKey { get; set; }
    public required string EnvironmentKey { get; set; }
    public bool Enabled { get; set; }
    public int RolloutBasisPoints { get; set; }
    public required string OnVariant { get; set; }
    public required string OffVariant { get; set; }

    /// <summary>The targeting rules as JSON (<c>FlagAdminJson.Options</c>).</summary>
    public required string Rules { get; set; }

    /// <summary>Compact JSON text exactly as the caller gave it (a <c>json</c> column keeps it byte for byte).</summary>
    public string? Config { get; set; }

    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

internal sealed class FlagStateRowConfiguration : IEntityTypeConfiguration<FlagStateRow>
{
    public void Configure(EntityTypeBuilder<FlagStateRow> builder)
    {
        builder.ToTable("flag_states");
        builder.HasKey(s => new { s.ProjectKey, s.FlagKey, s.EnvironmentKey }).HasName("pk_flag_states");
        builder.Property(s => s.ProjectKey).HasColumnName("project_key").UseCollation(Columns.OrdinalCollation);
        builder.Property(s => s.FlagKey).HasColumnName("flag_key").UseCollation(Columns.OrdinalCollation);
        builder.Property(s => s.EnvironmentKey).HasColumnName("environment_key").UseCollation(Columns.OrdinalCollation);
        builder.Property(s => s.Enabled).HasColumnName("enabled");
        builder.Property(s => s.RolloutBasisPoints).HasColumnName("rollout_basis_points");
        builder.Property(s => s.OnVariant).HasColumnName("on_variant");
        builder.Property(s => s.OffVariant).HasColumnName("off_variant");
        builder.Property(s => s.Rules).HasColumnName("rules").HasColumnType(Columns.Jsonb);
        builder.Property(s => s.Config).HasColumnName("config").HasColumnType(Columns.Json);
        builder.Property(s => s.UpdatedBy).HasColumnName("updated_by");
        builder.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        builder.Property(s => s.Version).IsRowVersion();

        // Serves the "on/off in this environment" filter of flag lists without reading the table (the flag
        // key is in the index), and the cascade from environments.
        builder.HasIndex(s => new { s.ProjectKey, s.EnvironmentKey, s.Enabled, s.FlagKey })
            .HasDatabaseName("ix_flag_states_project_key_environment_key_enabled_flag_key");

        // Finds the states changed since a time (lists of changes for sync clients) without reading every state of the project.
        builder.HasIndex(s => new { s.ProjectKey, s.UpdatedAt }).HasDatabaseName("ix_flag_states_project_key_updated_at");

        builder.HasOne<FlagRow>().WithMany()
            .HasForeignKey(s => new { s.ProjectKey, s.FlagKey })
            .HasConstraintName("fk_flag_states_flags_project_key_flag_key")
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<EnvironmentRow>().WithMany()
            .HasForeignKey(s => new { s.ProjectKey, s.EnvironmentKey })
            .HasConstraintName("fk_flag_states_environments_project_key_environment_key")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
