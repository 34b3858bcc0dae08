using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;

namespace FlagAdmin.Storage.Contract;

/// <summary>
/// The behaviour every <see cref="IFlagRepository"/> promises. Each store runs this suite through a
/// short subclass; a behaviour only one store has is a bug. Tests isolate themselves by unique project
/// keys, so a subclass may share one database between tests.
/// </summary>
public abstract partial class FlagRepositoryContract
{
    protected static readonly ChangeContext Alice = new("alice@example.com");
    protected static readonly ChangeContext Bob = new("bob@example.com", "incident 42");

    /// <summary>A store to test against; it may already hold other tests' projects.</summary>
    protected abstract Task<StoreUnderTest> CreateStoreAsync(ManualTimeProvider time);

    protected Task<StoreUnderTest> CreateStoreAsync() => CreateStoreAsync(new ManualTimeProvider());

    protected static string UniqueKey(string prefix = "p") => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>A new project with development, staging and production (protected), in that order.</summary>
    protected static async Task<string> CreateProjectAsync(StoreUnderTest store, bool requireReason = false)
    {
        var key = UniqueKey();
        await store.Service.CreateProjectAsync(new NewProject(key, "Test project " + key, requireReason), Alice);
        await store.Service.CreateEnvironmentAsync(new NewEnvironment(key, "production", "Production", 30, Protected: true), Alice);
        await store.Service.CreateEnvironmentAsync(new NewEnvironment(key, "development", "Development", 10), Alice);
        await store.Service.CreateEnvironmentAsync(new NewEnvironment(key, "staging", "Staging", 20), Alice);
        return key;
    }

    protected static Task<FlagDetails> CreateFlagAsync(StoreUnderTest store, string projectKey, string flagKey, Func<NewFlag, NewFlag>? edit = null)
    {
        var flag = new NewFlag
        {
            ProjectKey = projectKey,
            Key = flagKey,
            Name = "Flag " + flagKey,
            Description = "Description of " + flagKey,
        };
        return store.Service.CreateFlagAsync(edit is null ? flag : edit(flag), Alice);
    }

    protected static NewFlag Multivariate(NewFlag flag) => flag with
    {
        Kind = FlagKind.Multivariate,
        VariantType = VariantType.String,
        Variants = [new Variant("blue", "\"blue\""), new Variant("green", "\"green\""), new Variant("red", "\"red\"")],
    };

    protected static async Task<List<AuditEntry>> AllAuditAsync(StoreUnderTest store, string projectKey, Func<AuditQuery, AuditQuery>? filter = null)
    {
        var entries = new List<AuditEntry>();
        long? before = null;
        do
        {
            var query = new AuditQuery { ProjectKey = projectKey, BeforeId = before, Limit = 100 };
            var page = await store.Audit.QueryAsync(filter is null ? query : filter(query));
            entries.AddRange(page.Items);
            before = page.NextBeforeId;
        }
        while (before is not null);
        return entries;
    }

    protected static async Task<FlagState> StateAsync(StoreUnderTest store, string projectKey, string flagKey, string environmentKey) =>
        (await store.Repository.GetFlagAsync(projectKey, flagKey))!.StateIn(environmentKey)!;
}
