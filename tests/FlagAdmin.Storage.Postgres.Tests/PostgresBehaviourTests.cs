using System.Data.Common;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Storage.Memory;
using FlagAdmin.Testing.Postgres;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>What only a database can get wrong: xmin versions, races between read and write, collations and rounding.</summary>
public sealed class PostgresBehaviourTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly ChangeContext Alice = new("alice@example.com");
    private static readonly ChangeContext Bob = new("bob@example.com");

    private static string NewProjectKey() => $"pg-{Guid.NewGuid():N}"[..20];

    private static async Task<string> ProjectAsync(IFlagRepository repository)
    {
        var key = NewProjectKey();
        await repository.CreateProjectAsync(new NewProject(key, "Project"), Alice);
        await repository.CreateEnvironmentAsync(new NewEnvironment(key, "production", "Production", 1), Alice);
        return key;
    }

    private static Task<FlagDetails> FlagAsync(IFlagRepository repository, string projectKey, string key, Func<NewFlag, NewFlag>? edit = null)
    {
        var flag = new NewFlag { ProjectKey = projectKey, Key = key, Name = "Flag " + key };
        return repository.CreateFlagAsync(FlagValidator.Normalize(edit is null ? flag : edit(flag)), Alice);
    }

    private async Task<string> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(await postgres.SharedDatabaseAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        return Convert.ToString(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Versions_are_the_rows_xmin_and_a_state_change_leaves_the_flag_row_alone()
    {
        var repository = TestStore.Repository(await postgres.SharedDatabaseAsync(), TimeProvider.System);
        var key = await ProjectAsync(repository);
        var created = await FlagAsync(repository, key, "versioned");

        var toggled = await repository.UpdateStateAsync(FlagStateUpdate.From(created.StateIn("production")!) with { Enabled = true }, Bob);

        Assert.Equal(created.Flag.Version.ToString(), await ScalarAsync("SELECT xmin::text FROM flags WHERE project_key = $1 AND key = $2", key, "versioned"));
        Assert.Equal(toggled.Version.ToString(), await ScalarAsync(
            "SELECT xmin::text FROM flag_states WHERE project_key = $1 AND flag_key = $2 AND environment_key = $3", key, "versioned", "production"));
        Assert.Equal(created.Flag, (await repository.GetFlagAsync(key, "versioned"))!.Flag);
    }

    [Fact]
    public async Task A_change_committed_between_read_and_write_is_a_conflict_carrying_it_and_leaves_no_audit()
    {
        var database = await postgres.SharedDatabaseAsync();
        var sneak = new SneakInBeforeUpdate(database);
        var repository = TestStore.Repository(database, TimeProvider.System, sneak);
        var key = await ProjectAsync(repository);
        var loaded = (await FlagAsync(repository, key, "raced")).StateIn("production")!;
        sneak.ProjectKey = key;

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(
            () => repository.UpdateStateAsync(FlagStateUpdate.From(loaded) with { RolloutBasisPoints = 5_000 }, Bob));

        var stored = (await repository.GetFlagAsync(key, "raced"))!.StateIn("production")!;
        Assert.Equal(stored, conflict.Current);
        Assert.Equal("mallory", conflict.ChangedBy);
        Assert.Equal(10_000, stored.RolloutBasisPoints);
        var audit = await repository.QueryAsync(new AuditQuery { ProjectKey = key, FlagKey = "raced" });
        Assert.Equal([AuditAction.FlagCreated], audit.Items.Select(e => e.Action));
    }

    [Fact]
    public async Task A_toggle_and_its_audit_row_are_one_transaction()
    {
        var repository = TestStore.Repository(await postgres.SharedDatabaseAsync(), TimeProvider.System);
        var key = await ProjectAsync(repository);
        var created = await FlagAsync(repository, key, "atomic");

        var toggled = await repository.UpdateStateAsync(FlagStateUpdate.From(created.StateIn("production")!) with { Enabled = true }, Bob);

        Assert.Equal(toggled.Version.ToString(), await ScalarAsync(
            "SELECT (tx_id::text::bigint % 4294967296)::text FROM audit_entries WHERE project_key = $1 AND flag_key = $2 AND action <> 'FlagCreated'", key, "atomic"));
    }

    [Fact]
    public async Task A_state_change_that_checked_a_variant_since_removed_refuses_to_serve_it()
    {
        var database = await postgres.SharedDatabaseAsync();
        var pause = new PauseBefore("UPDATE flag_states");
        var toggler = TestStore.Repository(database, TimeProvider.System, pause);
        var editor = TestStore.Repository(database, TimeProvider.System);
        var key = await ProjectAsync(editor);
        var created = await ColourFlagAsync(editor, key);
        pause.Armed = true;

        // The state change has read the flag and checked "blue"; the variant is removed before it writes.
        var toggle = toggler.UpdateStateAsync(FlagStateUpdate.From(created.StateIn("production")!) with { OnVariant = "blue" }, Alice);
        await pause.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        await editor.UpdateFlagAsync(WithoutBlue(key, created.Flag.Version), Bob);
        pause.Armed = false;
        pause.Release.Release();

        var error = await Assert.ThrowsAsync<ValidationException>(() => toggle);
        Assert.Contains("'blue'", error.Message);
        Assert.Equal(created.StateIn("production")!.OnVariant, (await editor.GetFlagAsync(key, "colour"))!.StateIn("production")!.OnVariant);
        var audit = await editor.QueryAsync(new AuditQuery { ProjectKey = key, FlagKey = "colour" });
        Assert.Equal([AuditAction.FlagUpdated, AuditAction.FlagCreated], audit.Items.Select(e => e.Action));
    }

    [Fact]
    public async Task A_state_change_waits_for_a_variant_removal_that_holds_the_flag_and_then_refuses_the_removed_variant()
    {
        var database = await postgres.SharedDatabaseAsync();
        var pause = new PauseBefore("FROM flag_states");
        var toggler = TestStore.Repository(database, TimeProvider.System);
        var editor = TestStore.Repository(database, TimeProvider.System, pause);
        var key = await ProjectAsync(editor);
        var created = await ColourFlagAsync(editor, key);
        pause.Armed = true;

        // The removal holds the flag FOR NO KEY UPDATE and is about to read the states it checks.
        var removal = editor.UpdateFlagAsync(WithoutBlue(key, created.Flag.Version), Bob);
        await pause.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        pause.Armed = false;
        var toggle = toggler.UpdateStateAsync(FlagStateUpdate.From(created.StateIn("production")!) with { OnVariant = "blue" }, Alice);
        await Task.Delay(300);
        Assert.False(toggle.IsCompleted, "The state change must wait for the variant removal that holds the flag.");
        pause.Release.Release();

        Assert.Equal(2, (await removal).Variants.Count);
        var error = await Assert.ThrowsAsync<ValidationException>(() => toggle);
        Assert.Contains("'blue'", error.Message);
    }

    [Fact]
    public async Task A_variant_cannot_be_removed_once_a_state_change_serves_it()
    {
        var database = await postgres.SharedDatabaseAsync();
        var repository = TestStore.Repository(database, TimeProvider.System);
        var key = await ProjectAsync(repository);
        var created = await ColourFlagAsync(repository, key);

        Assert.Equal("blue", (await repository.UpdateStateAsync(FlagStateUpdate.From(created.StateIn("production")!) with { OnVariant = "blue" }, Alice)).OnVariant);

        var error = await Assert.ThrowsAsync<ValidationException>(() => repository.UpdateFlagAsync(WithoutBlue(key, created.Flag.Version), Bob));
        Assert.Contains("'blue'", error.Message);
        Assert.Equal(3, (await repository.GetFlagAsync(key, "colour"))!.Flag.Variants.Count);
    }

    private static Task<FlagDetails> ColourFlagAsync(IFlagRepository repository, string projectKey) =>
        FlagAsync(repository, projectKey, "colour", f => f with
        {
            Kind = FlagKind.Multivariate,
            VariantType = VariantType.String,
            Variants = [new Variant("green", "\"green\""), new Variant("red", "\"red\""), new Variant("blue", "\"blue\"")],
        });

    private static FlagUpdate WithoutBlue(string projectKey, uint expectedVersion) => new()
    {
        ProjectKey = projectKey,
        Key = "colour",
        ExpectedVersion = expectedVersion,
        Name = "Colour",
        Variants = [new Variant("green", "\"green\""), new Variant("red", "\"red\"")],
    };

    [Fact]
    public async Task List_totals_follow_every_way_flags_are_added_archived_and_removed()
    {
        var database = await postgres.SharedDatabaseAsync();
        var repository = TestStore.Repository(database, TimeProvider.System);
        var key = await ProjectAsync(repository);
        var kept = await FlagAsync(repository, key, "kept");
        var archived = await FlagAsync(repository, key, "archived");
        var deleted = await FlagAsync(repository, key, "deleted");
        var restored = await repository.SetArchivedAsync(key, "archived", archived.Flag.Version, true, Alice);
        restored = await repository.SetArchivedAsync(key, "archived", restored.Version, false, Alice);
        await repository.SetArchivedAsync(key, "archived", restored.Version, true, Alice);
        await repository.SetArchivedAsync(key, "kept", kept.Flag.Version, true, Alice);
        await Assert.ThrowsAsync<VersionConflictException>(() => repository.SetArchivedAsync(key, "deleted", deleted.Flag.Version + 1, true, Alice));
        await repository.DeleteFlagAsync(key, "deleted", deleted.Flag.Version, Alice);
        await PostgresFixture.ExecuteAsync(database, $$"""
            INSERT INTO flags (project_key, key, name, description, kind, variant_type, variants, tags, owner, archived,
                               created_by, created_at, updated_by, updated_at)
            SELECT '{{key}}', 'bulk-' || i, 'Bulk', '', 'Boolean', 'Boolean', '[]', '{}', NULL, i % 3 = 0, 'sql', now(), 'sql', now()
            FROM generate_series(1, 30) AS i
            """);

        foreach (bool? archivedFilter in new bool?[] { null, true, false })
        {
            var counted = await ScalarAsync(
                "SELECT count(*) FROM flags WHERE project_key = $1 AND ($2::boolean IS NULL OR archived = $2::boolean)",
                key, archivedFilter is null ? DBNull.Value : archivedFilter.Value);
            var page = await repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key, Archived = archivedFilter, Limit = 500 });
            Assert.Equal(counted, page.TotalCount.ToString());
            Assert.Equal(page.TotalCount, page.Items.Count);
        }
    }

    [Theory]
    [InlineData("über")]
    [InlineData("ÄRGER")]
    [InlineData("ÉCLAIR")]
    [InlineData("ß")]
    public async Task Search_folds_case_beyond_ascii_as_the_memory_store_does(string search)
    {
        var postgresStore = TestStore.Repository(await postgres.SharedDatabaseAsync(), TimeProvider.System);
        var memoryStore = new MemoryFlagRepository(TimeProvider.System);
        var results = new List<string[]>();
        foreach (IFlagRepository repository in new IFlagRepository[] { memoryStore, postgresStore })
        {
            var key = await ProjectAsync(repository);
            await FlagAsync(repository, key, "headline", f => f with { Name = "Überschrift", Description = "Viel Ärger" });
            await FlagAsync(repository, key, "dessert", f => f with { Name = "Éclair", Description = "Straße" });
            await FlagAsync(repository, key, "plain", f => f with { Name = "Plain" });
            var page = await repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key, Search = search });
            results.Add(page.Items.Select(d => d.Flag.Key).ToArray());
        }

        Assert.NotEmpty(results[0]);
        Assert.Equal(results[0], results[1]);
    }

    [Fact]
    public async Task Audit_time_bounds_finer_than_a_microsecond_round_as_in_the_memory_store()
    {
        var time = new Contract.ManualTimeProvider();
        var postgresStore = TestStore.Repository(await postgres.SharedDatabaseAsync(), time);
        var memoryStore = new MemoryFlagRepository(time);
        foreach (var (repository, audit) in new (IFlagRepository, IAuditLog)[] { (memoryStore, memoryStore), (postgresStore, postgresStore) })
        {
            var key = NewProjectKey();
            var project = await repository.CreateProjectAsync(new NewProject(key, "Timed"), Alice);
            var at = project.CreatedAt;
            var halfTick = TimeSpan.FromTicks(5); // half a microsecond

            async Task<int> CountAsync(DateTimeOffset? from, DateTimeOffset? to) =>
                (await audit.QueryAsync(new AuditQuery { ProjectKey = key, From = from, To = to })).Items.Count;

            Assert.Equal(1, await CountAsync(at, null));
            Assert.Equal(0, await CountAsync(at + halfTick, null));
            Assert.Equal(1, await CountAsync(at - halfTick, null));
            Assert.Equal(0, await CountAsync(null, at));
            Assert.Equal(1, await CountAsync(null, at + halfTick));
            Assert.Equal(1, await CountAsync(at.ToOffset(TimeSpan.FromHours(2)), null));
        }
    }

    /// <summary>Commits someone else's change to the state just before the repository's UPDATE runs.</summary>
    private sealed class SneakInBeforeUpdate(string connectionString) : DbCommandInterceptor
    {
        /// <summary>The project whose states to change on the next UPDATE; null: do nothing.</summary>
        public string? ProjectKey { get; set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (ProjectKey is { } projectKey && command.CommandText.Contains("UPDATE flag_states", StringComparison.Ordinal))
            {
                ProjectKey = null;
                await PostgresFixture.ExecuteAsync(connectionString,
                    $"UPDATE flag_states SET enabled = NOT enabled, updated_by = 'mallory', updated_at = now() WHERE project_key = '{projectKey}'");
            }
            return result;
        }
    }

    /// <summary>While armed, holds the repository just before a command containing <paramref name="fragment"/> until the test releases it.</summary>
    private sealed class PauseBefore(string fragment) : DbCommandInterceptor
    {
        public volatile bool Armed;

        public SemaphoreSlim Reached { get; } = new(0);
        public SemaphoreSlim Release { get; } = new(0);

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Armed && command.CommandText.Contains(fragment, StringComparison.Ordinal))
            {
                Reached.Release();
                await Release.WaitAsync(cancellationToken);
            }
            return result;
        }
    }
}
