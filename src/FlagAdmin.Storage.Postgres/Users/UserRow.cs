using FlagAdmin.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlagAdmin.Storage.Postgres.Users;

/// <summary>
/// A row of <c>users</c>: what a person edits, versioned by <c>xmin</c>. Sign-in bookkeeping lives in
/// <see cref="UserSignInRow"/>, so a sign-in neither changes the user's version nor conflicts with an admin's edit.
/// </summary>
internal sealed class UserRow
{
    public required string Id { get; set; }

    /// <summary>Always stored trimmed and lowercase (<see cref="UserRules.NormalizeEmail"/>).</summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }
    public Role Role { get; set; }
    public bool IsActive { get; set; }
    public required string PasswordHash { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }

    public static UserRow From(User user) => new()
    {
        Id = user.Id,
        Email = user.Email,
        DisplayName = user.DisplayName,
        Role = user.Role,
        IsActive = user.IsActive,
        PasswordHash = user.PasswordHash,
        CreatedBy = user.CreatedBy,
        CreatedAt = user.CreatedAt,
        UpdatedBy = user.UpdatedBy,
        UpdatedAt = user.UpdatedAt,
        Version = user.Version,
    };

    public User ToDomain(UserSignInRow? signIn) => new()
    {
        Id = Id,
        Email = Email,
        DisplayName = DisplayName,
        Role = Role,
        IsActive = IsActive,
        PasswordHash = PasswordHash,
        FailedSignIns = signIn?.FailedSignIns ?? 0,
        LockedUntil = signIn?.LockedUntil,
        LastSignInAt = signIn?.LastSignInAt,
        CreatedBy = CreatedBy,
        CreatedAt = CreatedAt,
        UpdatedBy = UpdatedBy,
        UpdatedAt = UpdatedAt,
        Version = Version,
    };
}

internal sealed class UserRowConfiguration : IEntityTypeConfiguration<UserRow>
{
    public void Configure(EntityTypeBuilder<UserRow> builder)
    {
        // Emails are compared case-insensitively by storing them lowercase: a unique index on the column itself
        // then does the work of a unique index on lower(email), and stays expressible in the model (so the
        // migrations-match-the-model test covers it). The check keeps any writer from storing another case.
        builder.ToTable("users", t => t.HasCheckConstraint("ck_users_email_lowercase", "email = lower(email)"));
        builder.HasKey(u => u.Id).HasName("pk_users");
        builder.Property(u => u.Id).HasColumnName("id").UseCollation(Columns.OrdinalCollation);
        builder.Property(u => u.Email).HasColumnName("email").UseCollation(Columns.OrdinalCollation);
        builder.Property(u => u.DisplayName).HasColumnName("display_name");
        builder.Property(u => u.Role).HasColumnName("role").HasConversion<string>();
        builder.Property(u => u.IsActive).HasColumnName("is_active");
        builder.Property(u => u.PasswordHash).HasColumnName("password_hash");
        builder.Property(u => u.CreatedBy).HasColumnName("created_by");
        builder.Property(u => u.CreatedAt).HasColumnName("created_at");
        builder.Property(u => u.UpdatedBy).HasColumnName("updated_by");
        builder.Property(u => u.UpdatedAt).HasColumnName("updated_at");
        builder.Property(u => u.Version).IsRowVersion();

        builder.HasIndex(u => u.Email).IsUnique().HasDatabaseName("ix_users_email");
    }
}
