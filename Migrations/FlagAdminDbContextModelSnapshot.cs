using FlagAdmin.Storage.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace FlagAdmin.Migrations;

/// <summary>
/// The model as of the latest migration, written by hand like the migrations themselves. EF Core compares
/// it with <see cref="FlagAdminDbContext"/>'s model to tell whether a migration is missing;
/// MigrationsMatchModelTests fails when the two differ.
/// </summary>
[DbContext(typeof(FlagAdminDbContext))]
public sealed class FlagAdminDbContextModelSnapshot : ModelSnapshot
{
    private const string Ordinal = "C";
    private const string Text = "text";
    private const string Timestamp = "timestamp with time zone";

    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder
            .HasAnnotation("ProductVersion", "10.0.14")
            .HasAnnotation("Relational:MaxIdentifierLength", 63);

        modelBuilder.HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Projects.ProjectRow", b =>
        {
            b.Property<string>("Key").HasColumnType(Text).HasColumnName("key").UseCollation(Ordinal);
            b.Property<string>("Name").IsRequired().HasColumnType(Text).HasColumnName("name").UseCollation(Ordinal);
            b.Property<bool>("RequireReasonInProtectedEnvironments").HasColumnType("boolean").HasColumnName("require_reason_in_protected_environments");
            Stamps(b);
            Version(b);
            b.HasKey("Key").HasName("pk_projects");
            b.ToTable("projects", (string?)null);
        });

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Projects.EnvironmentRow", b =>
        {
            b.Property<string>("ProjectKey").HasColumnType(Text).HasColumnName("project_key").UseCollation(Ordinal);
            b.Property<string>("Key").HasColumnType(Text).HasColumnName("key").UseCollation(Ordinal);
            b.Property<string>("Name").IsRequired().HasColumnType(Text).HasColumnName("name").UseCollation(Ordinal);
            b.Property<int>("Order").HasColumnType("integer").HasColumnName("sort_order");
            b.Property<bool>("Protected").HasColumnType("boolean").HasColumnName("protected");
            Stamps(b);
            Version(b);
            b.HasKey("ProjectKey", "Key").HasName("pk_environments");
            b.ToTable("environments", (string?)null);
        });

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Flags.FlagRow", b =>
        {
            b.Property<string>("ProjectKey").HasColumnType(Text).HasColumnName("project_key").UseCollation(Ordinal);
            b.Property<string>("Key").HasColumnType(Text).HasColumnName("key").UseCollation(Ordinal);
            b.Property<string>("Name").IsRequired().HasColumnType(Text).HasColumnName("name").UseCollation(Ordinal);
            b.Property<string>("Description").IsRequired().HasColumnType(Text).HasColumnName("description");
            b.Property<string>("Kind").IsRequired().HasColumnType(Text).HasColumnName("kind");
            b.Property<string>("VariantType").IsRequired().HasColumnType(Text).HasColumnName("variant_type");
            b.Property<string>("Variants").IsRequired().HasColumnType("jsonb").HasColumnName("variants");
            b.Property<string[]>("Tags").IsRequired().HasColumnType("text[]").HasColumnName("tags");
            b.Property<string>("Owner").HasColumnType(Text).HasColumnName("owner");
            b.Property<bool>("Archived").HasColumnType("boolean").HasColumnName("archived");
            Stamps(b);
            Version(b);
            b.HasKey("ProjectKey", "Key").HasName("pk_flags");
            b.HasIndex("ProjectKey", "Archived", "Key").HasDatabaseName("ix_flags_project_key_archived_key");
            b.HasIndex("ProjectKey", "CreatedAt").HasDatabaseName("ix_flags_project_key_created_at");
            b.HasIndex("ProjectKey", "Name").HasDatabaseName("ix_flags_project_key_name");
            b.HasIndex("ProjectKey", "UpdatedAt").HasDatabaseName("ix_flags_project_key_updated_at");
            b.HasIndex("Tags").HasDatabaseName("ix_flags_tags").HasAnnotation("Npgsql:IndexMethod", "gin");
            b.ToTable("flags", (string?)null);
        });

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Flags.FlagStateRow", b =>
        {
            b.Property<string>("ProjectKey").HasColumnType(Text).HasColumnName("project_key").UseCollation(Ordinal);
            b.Property<string>("FlagKey").HasColumnType(Text).HasColumnName("flag_key").UseCollation(Ordinal);
            b.Property<string>("EnvironmentKey").HasColumnType(Text).HasColumnName("environment_key").UseCollation(Ordinal);
            b.Property<bool>("Enabled").HasColumnType("boolean").HasColumnName("enabled");
            b.Property<int>("RolloutBasisPoints").HasColumnType("integer").HasColumnName("rollout_basis_points");
            b.Property<string>("OnVariant").IsRequired().HasColumnType(Text).HasColumnName("on_variant");
            b.Property<string>("OffVariant").IsRequired().HasColumnType(Text).HasColumnName("off_variant");
            b.Property<string>("Rules").IsRequired().HasColumnType("jsonb").HasColumnName("rules");
            b.Property<string>("Config").HasColumnType("json").HasColumnName("config");
            b.Property<string>("UpdatedBy").IsRequired().HasColumnType(Text).HasColumnName("updated_by");
            b.Property<DateTimeOffset>("UpdatedAt").HasColumnType(Timestamp).HasColumnName("updated_at");
            Version(b);
            b.HasKey("ProjectKey", "FlagKey", "EnvironmentKey").HasName("pk_flag_states");
            b.HasIndex("ProjectKey", "EnvironmentKey", "Enabled", "FlagKey").HasDatabaseName("ix_flag_states_project_key_environment_key_enabled_flag_key");
            b.ToTable("flag_states", (string?)null);
        });

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Flags.FlagCountRow", b =>
        {
            b.Property<string>("ProjectKey").HasColumnType(Text).HasColumnName("project_key").UseCollation(Ordinal);
            b.Property<int>("Total").HasColumnType("integer").HasColumnName("total");
            b.Property<int>("Active").HasColumnType("integer").HasColumnName("active");
            b.HasKey("ProjectKey").HasName("pk_flag_counts");
            b.ToTable("flag_counts", (string?)null);
        });

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Audit.AuditEntryRow", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("bigint").HasColumnName("id")
                .HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<DateTimeOffset>("At").HasColumnType(Timestamp).HasColumnName("at");
            b.Property<string>("Actor").IsRequired().HasColumnType(Text).HasColumnName("actor");
            b.Property<string>("Action").IsRequired().HasColumnType(Text).HasColumnName("action");
            b.Property<string>("ProjectKey").IsRequired().HasColumnType(Text).HasColumnName("project_key").UseCollation(Ordinal);
            b.Property<string>("EnvironmentKey").HasColumnType(Text).HasColumnName("environment_key").UseCollation(Ordinal);
            b.Property<string>("FlagKey").HasColumnType(Text).HasColumnName("flag_key").UseCollation(Ordinal);
            b.Property<string>("Before").HasColumnType("json").HasColumnName("before");
            b.Property<string>("After").HasColumnType("json").HasColumnName("after");
            b.Property<string>("Reason").HasColumnType(Text).HasColumnName("reason");
            b.Property<string>("Via").HasColumnType(Text).HasColumnName("via");
            b.Property<ulong>("TxId").ValueGeneratedOnAdd().HasColumnType("xid8").HasColumnName("tx_id").HasDefaultValueSql("pg_current_xact_id()");
            b.HasKey("Id").HasName("pk_audit_entries");
            b.HasIndex("ProjectKey", "At").HasDatabaseName("ix_audit_entries_project_key_at");
            b.HasIndex("ProjectKey", "Id").IsDescending(false, true).HasDatabaseName("ix_audit_entries_project_key_id");
            b.HasIndex("ProjectKey", "Actor", "Id").IsDescending(false, false, true).HasDatabaseName("ix_audit_entries_project_key_actor_id");
            b.HasIndex("ProjectKey", "Action", "Id").IsDescending(false, false, true).HasDatabaseName("ix_audit_entries_project_key_action_id");
            b.HasIndex("ProjectKey", "EnvironmentKey", "Id").IsDescending(false, false, true).HasDatabaseName("ix_audit_entries_project_key_environment_key_id");
            b.HasIndex("ProjectKey", "FlagKey", "Id").IsDescending(false, false, true).HasDatabaseName("ix_audit_entries_project_key_flag_key_id");
            b.HasIndex("TxId").HasDatabaseName("ix_audit_entries_tx_id");
            b.ToTable("audit_entries", (string?)null);
        });

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.SdkKeys.SdkKeyRow", b =>
        {
            b.Property<string>("Id").HasColumnType(Text).HasColumnName("id").UseCollation(Ordinal);
            b.Property<string>("ProjectKey").IsRequired().HasColumnType(Text).HasColumnName("project_key").UseCollation(Ordinal);
            b.Property<string>("EnvironmentKey").IsRequired().HasColumnType(Text).HasColumnName("environment_key").UseCollation(Ordinal);
            b.Property<string>("Name").IsRequired().HasColumnType(Text).HasColumnName("name").UseCollation(Ordinal);
            b.Property<string>("Prefix").IsRequired().HasColumnType(Text).HasColumnName("prefix");
            b.Property<string>("SecretHash").IsRequired().HasColumnType(Text).HasColumnName("secret_hash");
            b.Property<string>("CreatedBy").IsRequired().HasColumnType(Text).HasColumnName("created_by");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType(Timestamp).HasColumnName("created_at");
            b.Property<string>("RevokedBy").HasColumnType(Text).HasColumnName("revoked_by");
            b.Property<DateTimeOffset?>("RevokedAt").HasColumnType(Timestamp).HasColumnName("revoked_at");
            Version(b);
            b.HasKey("Id").HasName("pk_sdk_keys");
            b.HasIndex("SecretHash").IsUnique().HasDatabaseName("ix_sdk_keys_secret_hash");
            b.HasIndex("ProjectKey", "EnvironmentKey").HasDatabaseName("ix_sdk_keys_project_key_environment_key");
            b.ToTable("sdk_keys", (string?)null);
        });

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Users.UserRow", b =>
        {
            b.Property<string>("Id").HasColumnType(Text).HasColumnName("id").UseCollation(Ordinal);
            b.Property<string>("Email").IsRequired().HasColumnType(Text).HasColumnName("email").UseCollation(Ordinal);
            b.Property<string>("DisplayName").IsRequired().HasColumnType(Text).HasColumnName("display_name");
            b.Property<string>("Role").IsRequired().HasColumnType(Text).HasColumnName("role");
            b.Property<bool>("IsActive").HasColumnType("boolean").HasColumnName("is_active");
            b.Property<string>("PasswordHash").IsRequired().HasColumnType(Text).HasColumnName("password_hash");
            Stamps(b);
            Version(b);
            b.HasKey("Id").HasName("pk_users");
            b.HasIndex("Email").IsUnique().HasDatabaseName("ix_users_email");
            b.ToTable("users", null, t => t.HasCheckConstraint("ck_users_email_lowercase", "email = lower(email)"));
        });

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Users.UserSignInRow", b =>
        {
            b.Property<string>("UserId").HasColumnType(Text).HasColumnName("user_id").UseCollation(Ordinal);
            b.Property<int>("FailedSignIns").HasColumnType("integer").HasColumnName("failed_sign_ins");
            b.Property<DateTimeOffset?>("LockedUntil").HasColumnType(Timestamp).HasColumnName("locked_until");
            b.Property<DateTimeOffset?>("LastSignInAt").HasColumnType(Timestamp).HasColumnName("last_sign_in_at");
            b.HasKey("UserId").HasName("pk_user_sign_ins");
            b.ToTable("user_sign_ins", (string?)null);
        });

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Users.AccessTokenRow", b =>
        {
            b.Property<string>("Id").HasColumnType(Text).HasColumnName("id").UseCollation(Ordinal);
            b.Property<string>("UserId").IsRequired().HasColumnType(Text).HasColumnName("user_id").UseCollation(Ordinal);
            b.Property<string>("Name").IsRequired().HasColumnType(Text).HasColumnName("name");
            b.Property<string>("Role").IsRequired().HasColumnType(Text).HasColumnName("role");
            b.Property<string>("Prefix").IsRequired().HasColumnType(Text).HasColumnName("prefix");
            b.Property<string>("SecretHash").IsRequired().HasColumnType(Text).HasColumnName("secret_hash");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType(Timestamp).HasColumnName("created_at");
            b.Property<DateTimeOffset?>("ExpiresAt").HasColumnType(Timestamp).HasColumnName("expires_at");
            b.Property<DateTimeOffset?>("RevokedAt").HasColumnType(Timestamp).HasColumnName("revoked_at");
            b.Property<string>("RevokedBy").HasColumnType(Text).HasColumnName("revoked_by");
            Version(b);
            b.HasKey("Id").HasName("pk_access_tokens");
            b.HasIndex("SecretHash").IsUnique().HasDatabaseName("ix_access_tokens_secret_hash");
            b.HasIndex("UserId").HasDatabaseName("ix_access_tokens_user_id");
            b.ToTable("access_tokens", (string?)null);
        });

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Projects.EnvironmentRow", b =>
            b.HasOne("FlagAdmin.Storage.Postgres.Projects.ProjectRow", null)
                .WithMany()
                .HasForeignKey("ProjectKey")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired()
                .HasConstraintName("fk_environments_projects_project_key"));

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Flags.FlagRow", b =>
            b.HasOne("FlagAdmin.Storage.Postgres.Projects.ProjectRow", null)
                .WithMany()
                .HasForeignKey("ProjectKey")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired()
                .HasConstraintName("fk_flags_projects_project_key"));

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Flags.FlagCountRow", b =>
            b.HasOne("FlagAdmin.Storage.Postgres.Projects.ProjectRow", null)
                .WithMany()
                .HasForeignKey("ProjectKey")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired()
                .HasConstraintName("fk_flag_counts_projects_project_key"));

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Flags.FlagStateRow", b =>
        {
            b.HasOne("FlagAdmin.Storage.Postgres.Projects.EnvironmentRow", null)
                .WithMany()
                .HasForeignKey("ProjectKey", "EnvironmentKey")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired()
                .HasConstraintName("fk_flag_states_environments_project_key_environment_key");
            b.HasOne("FlagAdmin.Storage.Postgres.Flags.FlagRow", null)
                .WithMany()
                .HasForeignKey("ProjectKey", "FlagKey")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired()
                .HasConstraintName("fk_flag_states_flags_project_key_flag_key");
        });

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.SdkKeys.SdkKeyRow", b =>
            b.HasOne("FlagAdmin.Storage.Postgres.Projects.EnvironmentRow", null)
                .WithMany()
                .HasForeignKey("ProjectKey", "EnvironmentKey")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired()
                .HasConstraintName("fk_sdk_keys_environments_project_key_environment_key"));

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Users.UserSignInRow", b =>
            b.HasOne("FlagAdmin.Storage.Postgres.Users.UserRow", null)
                .WithOne()
                .HasForeignKey("FlagAdmin.Storage.Postgres.Users.UserSignInRow", "UserId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired()
                .HasConstraintName("fk_user_sign_ins_users_user_id"));

        modelBuilder.Entity("FlagAdmin.Storage.Postgres.Users.AccessTokenRow", b =>
            b.HasOne("FlagAdmin.Storage.Postgres.Users.UserRow", null)
                .WithMany()
                .HasForeignKey("UserId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired()
                .HasConstraintName("fk_access_tokens_users_user_id"));
    }

    private static void Stamps(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder b)
    {
        b.Property<string>("CreatedBy").IsRequired().HasColumnType(Text).HasColumnName("created_by");
        b.Property<DateTimeOffset>("CreatedAt").HasColumnType(Timestamp).HasColumnName("created_at");
        b.Property<string>("UpdatedBy").IsRequired().HasColumnType(Text).HasColumnName("updated_by");
        b.Property<DateTimeOffset>("UpdatedAt").HasColumnType(Timestamp).HasColumnName("updated_at");
    }

    /// <summary>The row version: PostgreSQL's xmin system column, which no migration creates.</summary>
    private static void Version(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder b) =>
        b.Property<uint>("Version").IsConcurrencyToken().ValueGeneratedOnAddOrUpdate().HasColumnType("xid").HasColumnName("xmin");
}
