using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlagAdmin.Storage.Postgres.Users;

/// <summary>
/// A row of <c>user_sign_ins</c>: one user's sign-in bookkeeping (lockout and last sign-in), absent until the
/// first sign-in. Not versioned and not audited; gone with its user.
/// </summary>
internal sealed class UserSignInRow
{
    public required string UserId { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
}

internal sealed class UserSignInRowConfiguration : IEntityTypeConfiguration<UserSignInRow>
{
    public void Configure(EntityTypeBuilder<UserSignInRow> builder)
    {
        builder.ToTable("user_sign_ins");
        builder.HasKey(s => s.UserId).HasName("pk_user_sign_ins");
        builder.Property(s => s.UserId).HasColumnName("user_id").UseCollation(Columns.OrdinalCollation);
        builder.Property(s => s.FailedSignIns).HasColumnName("failed_sign_ins");
        builder.Property(s => s.LockedUntil).HasColumnName("locked_until");
        builder.Property(s => s.LastSignInAt).HasColumnName("last_sign_in_at");

        builder.HasOne<UserRow>().WithOne()
            .HasForeignKey<UserSignInRow>(s => s.UserId)
            .HasConstraintName("fk_user_sign_ins_users_user_id")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
