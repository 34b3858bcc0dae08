using FlagAdmin.Core.Flags;
using FlagAdmin.Storage.Postgres.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlagAdmin.Storage.Postgres.Flags;

/// <summary>A row of <c>flags</c>, keyed by (project_key, key). Variants are jsonb; <see cref="Version"/> is <c>xmin</c>.</summary>
internal sealed class FlagRow
{
    public required string ProjectKey { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    public FlagKind Kind { get; set; }
    public VariantType VariantType { get; set; }

    /// <summary>The flag's variants as JSON (<c>FlagAdminJson.Options</c>).</summary>
    public required string Variants { get; set; }

    public required string[] Tags { get; set; }
    public string? Owner { get; set; }
    public bool Archived { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

internal sealed class FlagRowConfiguration : IEntityTypeConfiguration<FlagRow>
{
    public void Configure(EntityTypeBuilder<FlagRow> builder)
    {
        builder.ToTable("flags");
        builder.HasKey(f => new { f.ProjectKey, f.Key }).HasName("pk_flags");
        builder.Property(f => f.ProjectKey).HasColumnName("project_key").UseCollation(Columns.OrdinalCollation);
        builder.Property(f => f.Key).HasColumnName("key").UseCollation(Columns.OrdinalCollation);
        builder.Property(f => f.Name).HasColumnName("name").UseCollation(Columns.OrdinalCollation);
        builder.Property(f => f.Description).HasColumnName("description");
        builder.Property(f => f.Kind).HasColumnName("kind").HasConversion<string>();
        builder.Property(f => f.VariantType).HasColumnName("variant_type").HasConversion<string>();
        builder.Property(f => f.Variants).HasColumnName("variants").HasColumnType(Columns.Jsonb);
        builder.Property(f => f.Tags).HasColumnName("tags");
        builder.Property(f => f.Owner).HasColumnName("owner");
        builder.Property(f => f.Archived).HasColumnName("archived");
        builder.Property(f => f.CreatedBy).HasColumnName("created_by");
        builder.Property(f => f.CreatedAt).HasColumnName("created_at");
        builder.Property(f => f.UpdatedBy).HasColumnName("updated_by");
        builder.Property(f => f.UpdatedAt).HasColumnName("updated_at");
        builder.Property(f => f.Version).IsRowVersion();

        // Lists of active (or archived) flags in key order: a page deep into the list skips its offset over
        // this index alone, without reading the table.
        builder.HasIndex(f => new { f.ProjectKey, f.Archived, f.Key }).HasDatabaseName("ix_flags_project_key_archived_key");
        builder.HasIndex(f => new { f.ProjectKey, f.Name }).HasDatabaseName("ix_flags_project_key_name");
        builder.HasIndex(f => new { f.ProjectKey, f.UpdatedAt }).HasDatabaseName("ix_flags_project_key_updated_at");
        builder.HasIndex(f => new { f.ProjectKey, f.CreatedAt }).HasDatabaseName("ix_flags_project_key_created_at");
        // The owner filter (one team's flags) in key order.
        builder.HasIndex(f => new { f.ProjectKey, f.Owner, f.Key }).HasDatabaseName("ix_flags_project_key_owner_key");
        builder.HasIndex(f => f.Tags).HasDatabaseName("ix_flags_tags").HasMethod("gin");

        builder.HasOne<ProjectRow>().WithMany()
            .HasForeignKey(f => f.ProjectKey)
            .HasConstraintName("fk_flags_projects_project_key")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
