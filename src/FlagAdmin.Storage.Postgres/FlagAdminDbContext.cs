using FlagAdmin.Storage.Postgres.Audit;
using FlagAdmin.Storage.Postgres.Flags;
using FlagAdmin.Storage.Postgres.Projects;
using FlagAdmin.Storage.Postgres.SdkKeys;
using FlagAdmin.Storage.Postgres.Users;
using Microsoft.EntityFrameworkCore;

namespace FlagAdmin.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema of FlagAdmin. Only <see cref="EfFlagRepository"/> and the migrations use it;
/// everything else sees domain types through <c>IFlagRepository</c>.
/// </summary>
public sealed class FlagAdminDbContext(DbContextOptions<FlagAdminDbContext> options) : DbContext(options)
{
    internal DbSet<ProjectRow> Projects => Set<ProjectRow>();
    internal DbSet<EnvironmentRow> Environments => Set<EnvironmentRow>();
    internal DbSet<FlagRow> Flags => Set<FlagRow>();
    internal DbSet<FlagStateRow> FlagStates => Set<FlagStateRow>();
    internal DbSet<FlagCountRow> FlagCounts => Set<FlagCountRow>();
    internal DbSet<AuditEntryRow> AuditEntries => Set<AuditEntryRow>();
    internal DbSet<SdkKeyRow> SdkKeys => Set<SdkKeyRow>();
    internal DbSet<UserRow> Users => Set<UserRow>();
    internal DbSet<UserSignInRow> UserSignIns => Set<UserSignInRow>();
    internal DbSet<AccessTokenRow> AccessTokens => Set<AccessTokenRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new ProjectRowConfiguration());
        modelBuilder.ApplyConfiguration(new EnvironmentRowConfiguration());
        modelBuilder.ApplyConfiguration(new FlagRowConfiguration());
        modelBuilder.ApplyConfiguration(new FlagStateRowConfiguration());
        modelBuilder.ApplyConfiguration(new FlagCountRowConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryRowConfiguration());
        modelBuilder.ApplyConfiguration(new SdkKeyRowConfiguration());
        modelBuilder.ApplyConfiguration(new UserRowConfiguration());
        modelBuilder.ApplyConfiguration(new UserSignInRowConfiguration());
        modelBuilder.ApplyConfiguration(new AccessTokenRowConfiguration());
    }
}
