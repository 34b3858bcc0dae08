using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Storage.Contract;

namespace FlagAdmin.Storage.Memory.Tests;

/// <summary>The memory store kept in a data file: what is acknowledged survives a restart, exactly.</summary>
public sealed class MemoryJournalTests : IDisposable
{
    private static readonly ChangeContext Alice = new("alice@example.com");
    private static readonly ChangeContext Bob = new("bob@example.com", "incident 42");

    private readonly string _directory = Directory.CreateTempSubdirectory("flagadmin-journal-").FullName;
    private readonly ManualTimeProvider _time = new();

    private string DataFile => Path.Combine(_directory, "data", "flags.jsonl");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private MemoryFlagRepository Open(string? dataFile = null, bool flushToDisk = true) =>
        new(_time, dataFile ?? DataFile, flushToDisk);

    [Fact]
    public async Task Every_acknowledged_write_reads_back_equal_after_reopening()
    {
        Snapshot written;
        using (var store = Open())
        {
            await WriteOneOfEverythingAsync(store);
            written = await Snapshot.TakeAsync(store);
        }

        using var reopened = Open();

        var read = await Snapshot.TakeAsync(reopened);
        Assert.Equal(written.Projects, read.Projects);
        Assert.Equal(written.Environments, read.Environments);
        Assert.Equal(written.Flags, read.Flags);
        Assert.Equal(written.Audit, read.Audit);
        Assert.Null(reopened.GetFlag("shop", "old-banner"));
    }

    [Fact]
    public async Task The_sample_data_covers_every_kind_of_write()
    {
        using var store = Open();
        await WriteOneOfEverythingAsync(store);

        var snapshot = await Snapshot.TakeAsync(store);

        var actions = snapshot.Audit.Select(e => e.Action).ToHashSet();
        Assert.Superset(
            new HashSet<AuditAction>
            {
                AuditAction.ProjectCreated, AuditAction.ProjectUpdated, AuditAction.EnvironmentCreated, AuditAction.EnvironmentUpdated,
                AuditAction.FlagCreated, AuditAction.FlagUpdated, AuditAction.FlagArchived, AuditAction.FlagUnarchived,
                AuditAction.FlagDeleted, AuditAction.FlagStateChanged, AuditAction.FlagToggled, AuditAction.ConfigChanged,
            },
            actions);
        var pricing = snapshot.Flags.Single(f => f.Flag.Key == "pricing").StateIn("production")!;
        Assert.Equal(2, pricing.Rules.Count);
        Assert.NotNull(pricing.Config);
        Assert.Contains(snapshot.Audit, e => e.Reason is not null);
        Assert.Equal(3, snapshot.Flags.Single(f => f.Flag.Key == "new-checkout").States.Count);
    }

    [Fact]
    public void A_second_store_cannot_open_a_data_file_that_is_in_use()
    {
        using var first = Open();

        Assert.Throws<IOException>(() => Open());
    }

    [Fact]
    public async Task Versions_and_audit_ids_keep_increasing_after_reopening()
    {
        uint highestVersion;
        long highestAuditId;
        using (var store = Open())
        {
            await WriteOneOfEverythingAsync(store);
            var before = await Snapshot.TakeAsync(store);
            highestVersion = before.Versions.Max();
            highestAuditId = before.Audit.Max(e => e.Id);
        }

        using var reopened = Open();
        var state = reopened.GetFlag("shop", "new-checkout")!.StateIn("development")!;
        var toggled = reopened.UpdateState(FlagStateUpdate.From(state) with { Enabled = !state.Enabled }, Alice);
        var project = (await reopened.GetProjectAsync("blog"))!;
        var renamed = await reopened.UpdateProjectAsync(new ProjectUpdate("blog", project.Version, "Blog 2", false), Alice);

        Assert.True(toggled.Version > highestVersion, $"version {toggled.Version} after reopening, {highestVersion} before");
        Assert.True(renamed.Version > toggled.Version);
        var audit = await Snapshot.AuditAsync(reopened, "shop");
        Assert.True(audit[0].Id > highestAuditId, $"audit id {audit[0].Id} after reopening, {highestAuditId} before");
    }

    [Fact]
    public async Task Stale_versions_from_before_reopening_still_conflict()
    {
        FlagState stale;
        Flag staleFlag;
        using (var store = Open())
        {
            await WriteOneOfEverythingAsync(store);
            stale = store.GetFlag("shop", "new-checkout")!.StateIn("production")!;
            staleFlag = store.GetFlag("shop", "new-checkout")!.Flag;
            store.UpdateState(FlagStateUpdate.From(stale) with { RolloutBasisPoints = 1_000 }, Bob);
            await store.SetArchivedAsync("shop", "new-checkout", staleFlag.Version, true, Alice);
        }

        using var reopened = Open();
        var current = reopened.GetFlag("shop", "new-checkout")!;

        var conflict = Assert.Throws<VersionConflictException>(() =>
            reopened.UpdateState(FlagStateUpdate.From(stale) with { Enabled = true }, Bob));
        await Assert.ThrowsAsync<VersionConflictException>(() =>
            reopened.SetArchivedAsync("shop", "new-checkout", staleFlag.Version, false, Alice));
        Assert.Equal(current.StateIn("production"), conflict.Current);
        Assert.Equal(current, reopened.GetFlag("shop", "new-checkout"));
        await reopened.SetArchivedAsync("shop", "new-checkout", current.Flag.Version, false, Alice);
    }

    [Fact]
    public async Task A_transaction_is_one_line_that_reads_back_exactly_after_reopening()
    {
        Snapshot written;
        int lines;
        using (var store = Open())
        {
            await store.CreateProjectAsync(new NewProject("shop", "Shop"), Alice);
            var before = File.ReadAllLines(DataFile).Length;
            await new FlagService(store, store).InTransactionAsync(async (transaction, ct) =>
            {
                await transaction.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 1), Alice, ct);
                var flag = await transaction.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "checkout", Name = "Checkout" }, Alice, ct);
                return await transaction.SetEnabledAsync("shop", "checkout", "production", true, flag.StateIn("production")!.Version, Bob, ct);
            });
            lines = (await ReadSharedAsync(DataFile)).Count(b => b == (byte)'\n') - before;
            written = await Snapshot.TakeAsync(store);
        }

        using var reopened = Open();

        Assert.Equal(1, lines);
        Assert.Equal(written, await Snapshot.TakeAsync(reopened));
        Assert.Equal(4, written.Audit.Count);
    }

    [Fact]
    public async Task A_transaction_cut_off_mid_write_is_dropped_whole()
    {
        Snapshot beforeTransaction;
        using (var store = Open())
        {
            await store.CreateProjectAsync(new NewProject("shop", "Shop"), Alice);
            beforeTransaction = await Snapshot.TakeAsync(store);
            await new FlagService(store, store).InTransactionAsync(async (transaction, ct) =>
            {
                await transaction.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 1), Alice, ct);
                return await transaction.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "checkout", Name = "Checkout" }, Alice, ct);
            });
        }
        var intact = await File.ReadAllBytesAsync(DataFile);
        var lastLine = intact.AsSpan(0, intact.Length - 1).LastIndexOf((byte)'\n') + 1;
        // The crash came after the environment's part of the line and before the flag's.
        await File.WriteAllBytesAsync(DataFile, intact.AsSpan(0, lastLine + (intact.Length - lastLine) * 2 / 3).ToArray());

        using var reopened = Open();

        Assert.Equal(beforeTransaction, await Snapshot.TakeAsync(reopened));
    }

    [Fact]
    public async Task A_last_line_cut_off_mid_write_is_dropped_and_the_file_stays_appendable()
    {
        Snapshot written;
        using (var store = Open())
        {
            await WriteOneOfEverythingAsync(store);
            written = await Snapshot.TakeAsync(store);
        }
        var intact = await File.ReadAllBytesAsync(DataFile);
        var lastLine = intact.AsSpan(0, intact.Length - 1).LastIndexOf((byte)'\n') + 1;
        await AppendAsync(DataFile, intact.AsSpan(lastLine, (intact.Length - lastLine) / 2).ToArray());

        using (var reopened = Open())
        {
            Assert.Equal(written, await Snapshot.TakeAsync(reopened));
            Assert.Equal(intact, await ReadSharedAsync(DataFile));
            await reopened.CreateProjectAsync(new NewProject("after-crash", "Written after the crash"), Alice);
        }

        using var again = Open();
        var read = await Snapshot.TakeAsync(again);
        Assert.Equal(written.Flags, read.Flags);
        Assert.Equal("Written after the crash", (await again.GetProjectAsync("after-crash"))?.Name);
        Assert.Equal(written.Projects.Count + 1, read.Projects.Count);
    }

    [Theory]
    [InlineData("{\"project\":{\"key\":\"x\",\"na")]
    [InlineData("{")]
    [InlineData("\u00e9\u00e8")]
    public async Task A_cut_off_last_line_of_any_shape_opens_with_everything_before_it(string tail)
    {
        Snapshot written;
        using (var store = Open())
        {
            await store.CreateProjectAsync(new NewProject("shop", "Caf\u00e9 \u2615"), Alice);
            await store.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 1), Alice);
            written = await Snapshot.TakeAsync(store);
        }
        // Cut inside a multi-byte character too: the bytes of a torn write need not be valid UTF-8.
        var bytes = Encoding.UTF8.GetBytes(tail);
        await AppendAsync(DataFile, bytes.AsSpan(0, bytes.Length - (bytes.Length > 2 ? 1 : 0)).ToArray());

        using var reopened = Open();

        Assert.Equal(written, await Snapshot.TakeAsync(reopened));
    }

    [Theory]
    [InlineData("this is not JSON")]
    [InlineData("{\"audit\":")]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("")]
    public async Task A_damaged_line_in_the_middle_fails_opening_with_the_file_and_line_named(string damage)
    {
        using (var store = Open())
        {
            await WriteOneOfEverythingAsync(store);
        }
        var lines = (await File.ReadAllTextAsync(DataFile)).Split('\n');
        lines[2] = damage;
        await File.WriteAllTextAsync(DataFile, string.Join('\n', lines));
        var damaged = await File.ReadAllBytesAsync(DataFile);

        var error = Assert.Throws<InvalidDataException>(() => Open());

        Assert.Contains(DataFile, error.Message);
        Assert.Contains("line 3", error.Message);
        Assert.Equal(damaged, await File.ReadAllBytesAsync(DataFile));
    }

    [FactNeedingTmpfs]
    public async Task A_write_the_full_disk_refuses_is_store_unavailable_and_changes_nothing()
    {
        using var disk = SmallTmpfs.Mount(Path.Combine(_directory, "disk"));
        using var store = Open(Path.Combine(disk.Path, "flags.jsonl"));
        await WriteOneOfEverythingAsync(store);
        FillUntilFull(Path.Combine(disk.Path, "filler"));

        var (refused, before, error) = await WriteProjectsUntilRefusedAsync(store);

        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Null(await store.GetProjectAsync(refused));
        Assert.Equal(before, await Snapshot.TakeAsync(store));
        var again = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.CreateProjectAsync(new NewProject(refused, "Filling"), Alice));
        Assert.IsAssignableFrom<IOException>(again.InnerException);
    }

    [FactNeedingTmpfs]
    public async Task A_write_refused_for_lack_of_space_does_not_reappear_once_space_is_free()
    {
        using var disk = SmallTmpfs.Mount(Path.Combine(_directory, "disk"));
        var dataFile = Path.Combine(disk.Path, "flags.jsonl");
        using (var store = Open(dataFile))
        {
            await WriteOneOfEverythingAsync(store);
            FillUntilFull(Path.Combine(disk.Path, "filler"));
            var (refused, _, _) = await WriteProjectsUntilRefusedAsync(store);
            File.Delete(Path.Combine(disk.Path, "filler"));
            await store.CreateProjectAsync(new NewProject("after-the-disk-was-full", "Written once there was space"), Alice);
            var acknowledged = await Snapshot.TakeAsync(store);
            store.Dispose();

            using var reopened = Open(dataFile);

            Assert.Null(await reopened.GetProjectAsync(refused));
            Assert.Equal(acknowledged, await Snapshot.TakeAsync(reopened));
        }
    }

    [Fact]
    public async Task Concurrent_readers_during_writes_never_throw_and_see_consistent_flags()
    {
        // Reads never touch the file, so the store runs without one: the faster the writes, the more of them
        // land in the middle of a read. Flags are renamed between the ends of the name order, which is what
        // a sort in progress is most sensitive to; the race is probabilistic, not every run can catch it.
        const int Flags = 100;
        const int Readers = 2;
        var writeFor = TimeSpan.FromSeconds(3);
        using var store = new MemoryFlagRepository(_time);
        await store.CreateProjectAsync(new NewProject("shop", "Shop"), Alice);
        string[] environments = ["development", "staging", "production"];
        for (var i = 0; i < environments.Length; i++)
        {
            await store.CreateEnvironmentAsync(new NewEnvironment("shop", environments[i], environments[i], i), Alice);
        }
        for (var i = 0; i < Flags; i++)
        {
            await store.CreateFlagAsync(NewFlag($"flag-{i:D3}", 0), Alice);
        }
        var failures = new ConcurrentQueue<Exception>();
        var reads = 0L;
        using var done = new CancellationTokenSource();
        using var readersRunning = new CountdownEvent(Readers);

        var readers = Enumerable.Range(0, Readers).Select(reader => Task.Run(() =>
        {
            var random = new Random(reader);
            readersRunning.Signal();
            while (!done.IsCancellationRequested)
            {
                try
                {
                    ReadOnce(store, random, Flags, environments);
                    Interlocked.Increment(ref reads);
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                    if (failures.Count > 10)
                    {
                        return;
                    }
                }
            }
        })).ToArray();
        try
        {
            Assert.True(readersRunning.Wait(TimeSpan.FromSeconds(30)), "the readers did not start");
            var writing = Stopwatch.StartNew();
            for (var i = 1; writing.Elapsed < writeFor && failures.IsEmpty; i++)
            {
                _time.Advance(TimeSpan.FromMicroseconds(1));
                WriteOnce(store, i, $"flag-{i * 7 % Flags:D3}", environments[i % environments.Length]);
            }
        }
        finally
        {
            await done.CancelAsync();
            await Task.WhenAll(readers);
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} reads failed; first: {failures.FirstOrDefault()}");
        Assert.True(Interlocked.Read(ref reads) > 100, $"only {reads} reads ran during the writes");
    }

    // ----- the sample data -----

    private static NewFlag NewFlag(string key, int generation) => new()
    {
        ProjectKey = "shop",
        Key = key,
        Name = $"Flag {generation:D6}",
        Description = $"Description {generation:D6}",
        Kind = FlagKind.Multivariate,
        VariantType = VariantType.Number,
        Variants = [new Variant("low", "1"), new Variant("high", "100")],
    };

    /// <summary>Projects, environments, flags of each kind, states with rules and config, archive, restore, delete; through the service, with time moving on.</summary>
    private async Task WriteOneOfEverythingAsync(MemoryFlagRepository store)
    {
        var service = new FlagService(store, store);
        async Task Step(Func<Task> write)
        {
            _time.Advance(TimeSpan.FromSeconds(1.2345678));
            await write();
        }

        await Step(() => service.CreateProjectAsync(new NewProject("shop", "Shop", RequireReasonInProtectedEnvironments: true), Alice));
        await Step(() => service.CreateProjectAsync(new NewProject("blog", "Blog"), Alice));
        await Step(async () =>
        {
            var blog = await service.GetProjectAsync("blog");
            await service.UpdateProjectAsync(new ProjectUpdate("blog", blog.Version, "The blog \u270d", true), Bob);
        });
        await Step(() => service.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 30, Protected: true), Alice));
        await Step(() => service.CreateEnvironmentAsync(new NewEnvironment("shop", "development", "Dev", 10), Alice));
        await Step(() => service.CreateEnvironmentAsync(new NewEnvironment("blog", "live", "Live", 0), Alice));
        await Step(() => service.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop",
            Key = "new-checkout",
            Name = "New checkout",
            Description = "The one-page checkout.",
            Tags = ["Payments", "beta"],
            Owner = "team-payments",
        }, Alice));
        await Step(() => service.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop",
            Key = "pricing",
            Name = "Pricing",
            Kind = FlagKind.Multivariate,
            VariantType = VariantType.Object,
            Variants = [new Variant("basic", "{ \"limit\": 10 }", "Basic plan"), new Variant("pro", "{\"limit\": 1000, \"support\": true}")],
        }, Alice));
        await Step(() => service.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop",
            Key = "button-color",
            Name = "Button color",
            Kind = FlagKind.Multivariate,
            VariantType = VariantType.String,
            Variants = [new Variant("blue", "\"blue\""), new Variant("green", "\"gr\u00fcn\"")],
        }, Alice));
        await Step(() => service.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "old-banner", Name = "Old banner" }, Alice));
        await Step(() => service.CreateEnvironmentAsync(new NewEnvironment("shop", "staging", "Staging", 20), Alice));
        await Step(async () =>
        {
            var environment = (await service.ListEnvironmentsAsync("shop")).Single(e => e.Key == "development");
            await service.UpdateEnvironmentAsync(new EnvironmentUpdate("shop", "development", environment.Version, "Development", 5, false), Alice);
        });
        await Step(async () =>
        {
            var state = (await service.GetFlagAsync("shop", "pricing")).StateIn("production")!;
            await service.UpdateStateAsync(FlagStateUpdate.From(state) with
            {
                Enabled = true,
                RolloutBasisPoints = 2_500,
                OnVariant = "pro",
                OffVariant = "basic",
                Rules =
                [
                    new TargetingRule
                    {
                        Name = "Beta customers",
                        Conditions =
                        [
                            new Condition("plan", ConditionOperator.In, ["team", "enterprise"]),
                            new Condition("app-version", ConditionOperator.SemVerGreaterThan, ["2.1.0-rc.1"]),
                            new Condition("signed-up", ConditionOperator.Before, ["2026-01-31T12:00:00Z"]),
                            new Condition("seats", ConditionOperator.GreaterThanOrEqual, ["5"]),
                        ],
                        Variant = "pro",
                    },
                    new TargetingRule { Split = [new SplitShare("basic", 7_500), new SplitShare("pro", 2_500)] },
                ],
                Config = "{ \"currency\": \"EUR\", \"tiers\": [1, 2, 3] }",
            }, Bob);
        });
        await Step(async () =>
        {
            var state = (await service.GetFlagAsync("shop", "new-checkout")).StateIn("development")!;
            await service.SetEnabledAsync("shop", "new-checkout", "development", true, state.Version, Alice);
        });
        await Step(async () =>
        {
            var state = (await service.GetFlagAsync("shop", "button-color")).StateIn("staging")!;
            await service.SetConfigAsync("shop", "button-color", "staging", "\"shade\"", state.Version, Alice);
        });
        await Step(async () =>
        {
            var flag = (await service.GetFlagAsync("shop", "button-color")).Flag;
            await service.UpdateFlagAsync(new FlagUpdate
            {
                ProjectKey = "shop",
                Key = "button-color",
                ExpectedVersion = flag.Version,
                Name = "Button colour",
                Description = "Which colour converts best.",
                Variants = [.. flag.Variants, new Variant("red", "\"red\"", "Bold")],
                Tags = ["ux"],
                Owner = "Growth",
            }, Alice);
        });
        await Step(async () =>
        {
            var flag = (await service.GetFlagAsync("shop", "button-color")).Flag;
            await service.SetArchivedAsync("shop", "button-color", true, flag.Version, Alice);
        });
        await Step(async () =>
        {
            var flag = (await service.GetFlagAsync("shop", "pricing")).Flag;
            await service.SetArchivedAsync("shop", "pricing", true, flag.Version, Alice);
        });
        await Step(async () =>
        {
            var flag = (await service.GetFlagAsync("shop", "pricing")).Flag;
            await service.SetArchivedAsync("shop", "pricing", false, flag.Version, Alice);
        });
        await Step(async () =>
        {
            var flag = (await service.GetFlagAsync("shop", "old-banner")).Flag;
            await service.DeleteFlagAsync("shop", "old-banner", flag.Version, Alice);
        });
    }

    // ----- the concurrency test's writer and reader -----

    private static void WriteOnce(MemoryFlagRepository store, int i, string flagKey, string environmentKey)
    {
        if (i % 97 == 0)
        {
            var key = $"temp-{i}";
            store.CreateFlagAsync(NewFlag(key, i), Alice).GetAwaiter().GetResult();
            store.DeleteFlagAsync("shop", key, store.GetFlag("shop", key)!.Flag.Version, Alice).GetAwaiter().GetResult();
            return;
        }
        var details = store.GetFlag("shop", flagKey)!;
        if (i % 4 != 0)
        {
            // Name and description always change together; a reader must never see them from different writes.
            store.UpdateFlagAsync(new FlagUpdate
            {
                ProjectKey = "shop",
                Key = flagKey,
                ExpectedVersion = details.Flag.Version,
                Name = $"Flag {i % 3}{i:D6}",
                Description = $"Description {i % 3}{i:D6}",
                Variants = details.Flag.Variants,
            }, Alice).GetAwaiter().GetResult();
            return;
        }
        // Likewise rollout and config.
        var state = details.StateIn(environmentKey)!;
        store.UpdateState(FlagStateUpdate.From(state) with
        {
            Enabled = i % 2 == 0,
            RolloutBasisPoints = i % 10_001,
            Config = $"{{\"generation\":{i % 10_001}}}",
        }, Alice);
    }

    private static void ReadOnce(MemoryFlagRepository store, Random random, int flags, string[] environments)
    {
        var sort = random.Next(4) == 0 ? FlagSort.Key : random.Next(2) == 0 ? FlagSort.Name : FlagSort.UpdatedAt;
        var descending = random.Next(2) == 0;
        var page = store.QueryFlags(new FlagQuery { ProjectKey = "shop", Sort = sort, Descending = descending, Archived = null, Limit = 10 });
        if (page.TotalCount < flags || page.Items.Count != 10)
        {
            throw new InvalidOperationException($"A page of {page.Items.Count} items claims {page.TotalCount} in all; {flags} flags are never deleted.");
        }
        foreach (var details in page.Items)
        {
            CheckConsistent(details, environments);
        }
        if (sort == FlagSort.Key)
        {
            var keys = page.Items.Select(d => d.Flag.Key).ToList();
            var sorted = descending ? keys.OrderDescending(StringComparer.Ordinal) : keys.Order(StringComparer.Ordinal);
            if (!keys.SequenceEqual(sorted))
            {
                throw new InvalidOperationException("A page sorted by key is out of order: " + string.Join(", ", keys));
            }
        }
        var flag = store.GetFlag("shop", $"flag-{random.Next(flags):D3}") ?? throw new InvalidOperationException("A flag vanished.");
        CheckConsistent(flag, environments);
    }

    private static void CheckConsistent(FlagDetails details, string[] environments)
    {
        var flag = details.Flag;
        var generation = flag.Name["Flag ".Length..];
        if (flag.Description != $"Description {generation}")
        {
            throw new InvalidOperationException($"Flag {flag.Key} has name '{flag.Name}' but description '{flag.Description}'.");
        }
        if (!details.States.Select(s => s.EnvironmentKey).SequenceEqual(environments))
        {
            throw new InvalidOperationException($"Flag {flag.Key} has states for {string.Join(", ", details.States.Select(s => s.EnvironmentKey))}.");
        }
        foreach (var state in details.States)
        {
            if (state.ProjectKey != flag.ProjectKey || state.FlagKey != flag.Key)
            {
                throw new InvalidOperationException($"Flag {flag.Key} holds the state of {state.ProjectKey}/{state.FlagKey}.");
            }
            var expectedConfig = state.Config is null ? null : $"{{\"generation\":{state.RolloutBasisPoints}}}";
            if (state.Config is not null && state.Config != expectedConfig)
            {
                throw new InvalidOperationException($"State {flag.Key}/{state.EnvironmentKey} has rollout {state.RolloutBasisPoints} but config {state.Config}.");
            }
            if (flag.FindVariant(state.OnVariant) is null || flag.FindVariant(state.OffVariant) is null)
            {
                throw new InvalidOperationException($"State {flag.Key}/{state.EnvironmentKey} serves a variant the flag does not have.");
            }
        }
    }

    // ----- helpers -----

    private static async Task AppendAsync(string path, byte[] bytes)
    {
        await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write);
        await stream.WriteAsync(bytes);
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[stream.Length];
        await stream.ReadExactlyAsync(bytes);
        return bytes;
    }

    private static void FillUntilFull(string path)
    {
        using var filler = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        var chunk = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(chunk);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // The file system is full now.
        }
    }

    /// <summary>
    /// Creates small projects (each far smaller than a file stream's buffer) until the full disk refuses one;
    /// returns its key, what the store held before it and the refusal.
    /// </summary>
    private static async Task<(string Key, Snapshot Before, StoreUnavailableException Error)> WriteProjectsUntilRefusedAsync(MemoryFlagRepository store)
    {
        for (var i = 0; i < 1_000; i++)
        {
            var key = $"filling-{i}";
            var before = await Snapshot.TakeAsync(store);
            try
            {
                await store.CreateProjectAsync(new NewProject(key, "Filling"), Alice);
            }
            catch (StoreUnavailableException e)
            {
                return (key, before, e);
            }
        }
        throw new InvalidOperationException("The full disk accepted every write.");
    }

    /// <summary>Everything a client can read from a store, in the order the store returns it.</summary>
    private sealed record Snapshot(
        ValueList<Project> Projects,
        ValueList<ProjectEnvironment> Environments,
        ValueList<FlagDetails> Flags,
        ValueList<AuditEntry> Audit)
    {
        public IEnumerable<uint> Versions =>
            Projects.Select(p => p.Version)
                .Concat(Environments.Select(e => e.Version))
                .Concat(Flags.Select(f => f.Flag.Version))
                .Concat(Flags.SelectMany(f => f.States).Select(s => s.Version));

        public static async Task<Snapshot> TakeAsync(MemoryFlagRepository store)
        {
            var projects = await store.ListProjectsAsync();
            var environments = new List<ProjectEnvironment>();
            var flags = new List<FlagDetails>();
            var audit = new List<AuditEntry>();
            foreach (var project in projects)
            {
                environments.AddRange(await store.ListEnvironmentsAsync(project.Key));
                flags.AddRange((await store.QueryFlagsAsync(new FlagQuery { ProjectKey = project.Key, Archived = null, Limit = FlagQuery.MaxLimit })).Items);
                audit.AddRange(await AuditAsync(store, project.Key));
            }
            return new Snapshot(projects.ToValueList(), environments.ToValueList(), flags.ToValueList(), audit.ToValueList());
        }

        public static async Task<List<AuditEntry>> AuditAsync(MemoryFlagRepository store, string projectKey)
        {
            var entries = new List<AuditEntry>();
            long? before = null;
            do
            {
                var page = await store.QueryAsync(new AuditQuery { ProjectKey = projectKey, BeforeId = before, Limit = AuditQuery.MaxLimit });
                entries.AddRange(page.Items);
                before = page.NextBeforeId;
            }
            while (before is not null);
            return entries;
        }
    }
}

/// <summary>Runs only where the test may mount a small tmpfs (Linux, root with CAP_SYS_ADMIN).</summary>
internal sealed class FactNeedingTmpfsAttribute : FactAttribute
{
    public FactNeedingTmpfsAttribute()
    {
        if (!SmallTmpfs.CanMount)
        {
            Skip = "needs the right to mount a small tmpfs (Linux, root with CAP_SYS_ADMIN)";
        }
    }
}

/// <summary>A tmpfs of a few hundred kilobytes: a real file system that runs out of space, and gets it back.</summary>
internal sealed class SmallTmpfs : IDisposable
{
    private static readonly Lazy<bool> Mountable = new(Probe);

    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    public static bool CanMount => Mountable.Value;

    public static SmallTmpfs Mount(string path)
    {
        Directory.CreateDirectory(path);
        var exit = Run("mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "flagadmin-test", path);
        if (exit != 0)
        {
            throw new InvalidOperationException($"mount exited with {exit}");
        }
        return new SmallTmpfs(path);
    }

    public void Dispose()
    {
        if (Run("umount", Path) != 0)
        {
            Run("umount", "--lazy", Path);
        }
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return false;
        }
        var probe = Directory.CreateTempSubdirectory("flagadmin-tmpfs-probe-").FullName;
        try
        {
            using var mounted = Mount(probe);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
        finally
        {
            Directory.Delete(probe, recursive: true);
        }
    }

    private static int Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        process.WaitForExit();
        return process.ExitCode;
    }
}
