using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Storage.Postgres.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlagAdmin.Storage.Postgres.SdkKeys;

/// <summary>
/// A row of <c>sdk_keys</c>: one key for one environment, gone with it (cascade). Only the secret's hash is
/// stored, unique so one secret can never name two keys. <see cref="Version"/> is <c>xmin</c>.
/// </summary>
internal sealed class SdkKeyRow
{
    public required string Id { get; set; }
    public required string ProjectKey { get; set; }
    public required string EnvironmentKey { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public uint Version { get; set; }

    public static SdkKeyRow From(SdkKey key) => new()
    {
        Id = key.Id,
        ProjectKey = key.ProjectKey,
        EnvironmentKey = key.EnvironmentKey,
        Name = key.Name,
        Prefix = key.Prefix,
        SecretHash = key.SecretHash,
        CreatedBy = key.CreatedBy,
        CreatedAt = key.CreatedAt,
        RevokedBy = key.RevokedBy,
        RevokedAt = key.RevokedAt,
        Version = key.Version,
    };

    public SdkKey ToDomain() => new()
    {
        Id = Id,
        ProjectKey = ProjectKey,
        EnvironmentKey = EnvironmentKey,
        Name = Name,
        Prefix = Prefix,
        SecretHash = SecretHash,
        CreatedBy = CreatedBy,
        CreatedAt = CreatedAt,
        RevokedBy = RevokedBy,
        RevokedAt = RevokedAt,
        Version = Version,
    };
}

internal sealed class SdkKeyRowConfiguration : IEntityTypeConfiguration<SdkKeyRow>
{
    public void Configure(EntityTypeBuilder<SdkKeyRow> builder)
    {
        builder.ToTable("sdk_keys");
        builder.HasKey(k => k.Id).HasName("pk_sdk_keys");
        builder.Property(k => k.Id).HasColumnName("id").UseCollation(Columns.OrdinalCollation);
        builder.Property(k => k.ProjectKey).HasColumnName("project_key").UseCollation(Columns.OrdinalCollation);
        builder.Property(k => k.EnvironmentKey).HasColumnName("environment_key").UseCollation(Columns.OrdinalCollation);
        builder.Property(k => k.Name).HasColumnName("name").UseCollation(Columns.OrdinalCollation);
        builder.Property(k => k.Prefix).HasColumnName("prefix");
        builder.Property(k => k.SecretHash).HasColumnName("secret_hash");
        builder.Property(k => k.CreatedBy).HasColumnName("created_by");
        builder.Property(k => k.CreatedAt).HasColumnName("created_at");
        builder.Property(k => k.RevokedBy).HasColumnName("revoked_by");
        builder.Property(k => k.RevokedAt).HasColumnName("revoked_at");
        builder.Property(k => k.Version).IsRowVersion();

        // Every evaluation request with an uncached secret looks its hash up.
        builder.HasIndex(k => k.SecretHash).IsUnique().HasDatabaseName("ix_sdk_keys_secret_hash");
        // Listing a project's keys (a handful each) and the cascade from environments.
        builder.HasIndex(k => new { k.ProjectKey, k.EnvironmentKey }).HasDatabaseName("ix_sdk_keys_project_key_environment_key");

        builder.HasOne<EnvironmentRow>().WithMany()
            .HasForeignKey(k => new { k.ProjectKey, k.EnvironmentKey })
            .HasConstraintName("fk_sdk_keys_environments_project_key_environment_key")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
