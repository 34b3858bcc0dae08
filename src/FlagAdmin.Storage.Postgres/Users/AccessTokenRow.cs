using FlagAdmin.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlagAdmin.Storage.Postgres.Users;

/// <summary>
/// A row of <c>access_tokens</c>: a personal token of one user. Only the secret's hash is stored, unique so one
/// secret can never name two tokens. <see cref="Version"/> is <c>xmin</c>.
/// </summary>
internal sealed class AccessTokenRow
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public Role Role { get; set; }
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public uint Version { get; set; }

    public static AccessTokenRow From(AccessToken token) => new()
    {
        Id = token.Id,
        UserId = token.UserId,
        Name = token.Name,
        Role = token.Role,
        Prefix = token.Prefix,
        SecretHash = token.SecretHash,
        CreatedAt = token.CreatedAt,
        ExpiresAt = token.ExpiresAt,
        RevokedAt = token.RevokedAt,
        RevokedBy = token.RevokedBy,
        Version = token.Version,
    };

    public AccessToken ToDomain() => new()
    {
        Id = Id,
        UserId = UserId,
        Name = Name,
        Role = Role,
        Prefix = Prefix,
        SecretHash = SecretHash,
        CreatedAt = CreatedAt,
        ExpiresAt = ExpiresAt,
        RevokedAt = RevokedAt,
        RevokedBy = RevokedBy,
        Version = Version,
    };
}

internal sealed class AccessTokenRowConfiguration : IEntityTypeConfiguration<AccessTokenRow>
{
    public void Configure(EntityTypeBuilder<AccessTokenRow> builder)
    {
        builder.ToTable("access_tokens");
        builder.HasKey(t => t.Id).HasName("pk_access_tokens");
        builder.Property(t => t.Id).HasColumnName("id").UseCollation(Columns.OrdinalCollation);
        builder.Property(t => t.UserId).HasColumnName("user_id").UseCollation(Columns.OrdinalCollation);
        builder.Property(t => t.Name).HasColumnName("name");
        builder.Property(t => t.Role).HasColumnName("role").HasConversion<string>();
        builder.Property(t => t.Prefix).HasColumnName("prefix");
        builder.Property(t => t.SecretHash).HasColumnName("secret_hash");
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.ExpiresAt).HasColumnName("expires_at");
        builder.Property(t => t.RevokedAt).HasColumnName("revoked_at");
        builder.Property(t => t.RevokedBy).HasColumnName("revoked_by");
        builder.Property(t => t.Version).IsRowVersion();

        // Every admin API request with an uncached token looks its hash up.
        builder.HasIndex(t => t.SecretHash).IsUnique().HasDatabaseName("ix_access_tokens_secret_hash");
        // Listing a user's tokens, and the foreign key.
        builder.HasIndex(t => t.UserId).HasDatabaseName("ix_access_tokens_user_id");

        builder.HasOne<UserRow>().WithMany()
            .HasForeignKey(t => t.UserId)
            .HasConstraintName("fk_access_tokens_users_user_id")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
