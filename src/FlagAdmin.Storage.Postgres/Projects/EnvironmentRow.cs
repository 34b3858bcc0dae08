using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlagAdmin.Storage.Postgres.Projects;

/// <summary>A row of <c>environments</c>, keyed by (project_key, key). <see cref="Version"/> is <c>xmin</c>.</summary>
internal sealed class EnvironmentRow
{
    public required string ProjectKey { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public int Order { get; set; }
    public bool Protected { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

internal sealed class EnvironmentRowConfiguration : IEntityTypeConfiguration<EnvironmentRow>
{
    public void Configure(EntityTypeBuilder<EnvironmentRow> builder)
    {
        builder.ToTable("environments");
        builder.HasKey(e => new { e.ProjectKey, e.Key }).HasName("pk_environments");
        builder.Property(e => e.ProjectKey).HasColumnName("project_key").UseCollation(Columns.OrdinalCollation);
        builder.Property(e => e.Key).HasColumnName("key").UseCollation(Columns.OrdinalCollation);
        builder.Property(e => e.Name).HasColumnName("name").UseCollation(Columns.OrdinalCollation);
        builder.Property(e => e.Order).HasColumnName("sort_order");
        builder.Property(e => e.Protected).HasColumnName("protected");
        builder.Property(e => e.CreatedBy).HasColumnName("created_by");
        builder.Property(e => e.CreatedAt).HasColumnName("created_at");
        builder.Property(e => e.UpdatedBy).HasColumnName("updated_by");
        builder.Property(e => e.UpdatedAt).HasColumnName("updated_at");
        builder.Property(e => e.Version).IsRowVersion();

        builder.HasOne<ProjectRow>().WithMany()
            .HasForeignKey(e => e.ProjectKey)
            .HasConstraintName("fk_environments_projects_project_key")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
