using FlagAdmin.Storage.Postgres.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlagAdmin.Storage.Postgres.Flags;

/// <summary>
/// A row of <c>flag_counts</c>: how many flags a project has, and how many of them are not archived. Kept
/// by statement-level triggers on <c>flags</c> (see the initial migration) in the transaction that changes
/// the flags, so every writer, SQL scripts included, keeps it right. A flag list without filters other than
/// "archived" reads its total here instead of counting up to 100,000 index entries (docs/PERFORMANCE.md).
/// </summary>
internal sealed class FlagCountRow
{
    public required string ProjectKey { get; set; }
    public int Total { get; set; }
    public int Active { get; set; }
}

internal sealed class FlagCountRowConfiguration : IEntityTypeConfiguration<FlagCountRow>
{
    public void Configure(EntityTypeBuilder<FlagCountRow> builder)
    {
        builder.ToTable("flag_counts");
        builder.HasKey(c => c.ProjectKey).HasName("pk_flag_counts");
        builder.Property(c => c.ProjectKey).HasColumnName("project_key").UseCollation(Columns.OrdinalCollation);
        builder.Property(c => c.Total).HasColumnName("total");
        builder.Property(c => c.Active).HasColumnName("active");

        builder.HasOne<ProjectRow>().WithMany()
            .HasForeignKey(c => c.ProjectKey)
            .HasConstraintName("fk_flag_counts_projects_project_key")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
