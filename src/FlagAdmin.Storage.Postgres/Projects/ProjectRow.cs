using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlagAdmin.Storage.Postgres.Projects;

/// <summary>A row of <c>projects</c>. <see cref="Version"/> is PostgreSQL's <c>xmin</c>.</summary>
internal sealed class ProjectRow
{
    public required string Key { get; set; }
    public required string Name { get; set; }
    public bool RequireReasonInProtectedEnvironments { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

internal sealed class ProjectRowConfiguration : IEntityTypeConfiguration<ProjectRow>
{
    public void Configure(EntityTypeBuilder<ProjectRow> builder)
    {
        builder.ToTable("projects");
        builder.HasKey(p => p.Key).HasName("pk_projects");
        builder.Property(p => p.Key).HasColumnName("key").UseCollation(Columns.OrdinalCollation);
        builder.Property(p => p.Name).HasColumnName("name").UseCollation(Columns.OrdinalCollation);
        builder.Property(p => p.RequireReasonInProtectedEnvironments).HasColumnName("require_reason_in_protected_environments");
        builder.Property(p => p.CreatedBy).HasColumnName("created_by");
        builder.Property(p => p.CreatedAt).HasColumnName("created_at");
        builder.Property(p => p.UpdatedBy).HasColumnName("updated_by");
        builder.Property(p => p.UpdatedAt).HasColumnName("updated_at");
        builder.Property(p => p.Version).IsRowVersion();
    }
}
