using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Api;

public abstract class TransferApiTests : IAsyncLifetime
{
    /// <summary>The host's store: memory or a fresh PostgreSQL database.</summary>
    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    private ApiHost _source = null!;
    private ApiHost _target = null!;

    public async Task InitializeAsync()
    {
        _source = await ApiHost.StartAsync(await CreateFactoryAsync());
        _target = await ApiHost.StartAsync(await CreateFactoryAsync(), seed: false);
        await SeedRichProjectAsync(_source);
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
    }

    /// <summary>Adds a multivariate flag with rules, split, config and rollout, and an archived flag, to the seeded "shop".</summary>
    internal static async Task SeedRichProjectAsync(ApiHost host)
    {
        var flags = host.Flags;
        var banner = await flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop",
            Key = "banner",
            Name = "Banner",
            Description = "Colour of the banner",
            Kind = FlagKind.Multivariate,
            VariantType = VariantType.String,
            Variants = [new Variant("blue", "\"blue\""), new Variant("red", "\"red\"", "loud"), new Variant("green", "\"green\"")],
            Tags = ["ui", "home"],
            Owner = "web-team",
        }, ApiHost.Seed);
        var staging = banner.StateIn("staging")!;
        await flags.UpdateStateAsync(FlagStateUpdate.From(staging) with
        {
            Enabled = true,
            RolloutBasisPoints = 2550,
            OnVariant = "red",
            OffVariant = "green",
            Rules =
            [
                new TargetingRule { Name = "staff", Conditions = [new Condition("email", ConditionOperator.EndsWith, ["@example.com"])], Variant = "blue" },
                new TargetingRule { Name = "half", Split = [new SplitShare("red", 5000), new SplitShare("green", 5000)] },
            ],
            Config = """{"limit":10}""",
        }, ApiHost.Seed);
        var old = await flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "old-thing", Name = "Old thing" }, ApiHost.Seed);
        await flags.SetArchivedAsync("shop", "old-thing", true, old.Flag.Version, ApiHost.Seed);
    }

    [Fact]
    public async Task An_export_imported_into_an_empty_store_reproduces_the_project_exactly()
    {
        var export = await (await _source.GetAsync("/api/v1/projects/shop/export", Role.Viewer)).Content.ReadAsStringAsync();

        var dryRun = await _target.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import?dryRun=true", export);
        var afterDryRun = await _target.GetAsync("/api/v1/projects/shop");
        var applied = await _target.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import", export);
        var reExport = await (await _target.GetAsync("/api/v1/projects/shop/export")).Content.ReadAsStringAsync();

        var plan = await dryRun.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        Assert.True(plan.GetProperty("dryRun").GetBoolean());
        Assert.Equal("created", plan.GetProperty("project").GetString());
        Assert.Equal(["banner", "new-checkout", "old-thing"], plan.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("key").GetString()));
        Assert.All(plan.GetProperty("flags").EnumerateArray(), f => Assert.Equal("created", f.GetProperty("outcome").GetString()));
        await afterDryRun.ProblemAsync(404);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(WithoutExportTime(export), WithoutExportTime(reExport));
        var writes = (await applied.JsonAsync()).GetProperty("writes").GetInt32();
        var audit = await _target.Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Limit = 500 });
        Assert.Equal(writes, audit.Items.Count);
        Assert.All(audit.Items, e => Assert.StartsWith("Import of project 'shop'", e.Reason));
    }

    [Fact]
    public async Task An_apply_naming_its_dry_runs_plan_is_refused_with_409_and_the_new_plan_when_the_project_changed_meanwhile()
    {
        var export = await (await _source.GetAsync("/api/v1/projects/shop/export")).Content.ReadAsStringAsync();
        var dryRun = await (await _target.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import?dryRun=true", export)).JsonAsync();
        var again = await (await _target.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import?dryRun=true", export)).JsonAsync();
        await _target.SendAsync(HttpMethod.Post, "/api/v1/projects", new { key = "shop", name = "Created meanwhile" });

        var refused = await _target.SendAsync(HttpMethod.Post, $"/api/v1/projects/shop/import?plan={dryRun.GetProperty("plan").GetString()}", export);
        var project = await (await _target.GetAsync("/api/v1/projects/shop")).JsonAsync();

        Assert.Equal(dryRun.GetProperty("plan").GetString(), again.GetProperty("plan").GetString());
        var problem = await refused.ProblemAsync(409);
        var current = problem.GetProperty("current");
        Assert.True(current.GetProperty("dryRun").GetBoolean());
        Assert.Equal("changed", current.GetProperty("project").GetString());
        Assert.NotEqual(dryRun.GetProperty("plan").GetString(), current.GetProperty("plan").GetString());
        Assert.Equal("Created meanwhile", project.GetProperty("name").GetString());

        var applied = await _target.SendAsync(HttpMethod.Post, $"/api/v1/projects/shop/import?plan={current.GetProperty("plan").GetString()}", export);

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal("Shop", (await (await _target.GetAsync("/api/v1/projects/shop")).JsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Importing_the_same_document_again_changes_nothing()
    {
        var export = await (await _source.GetAsync("/api/v1/projects/shop/export")).Content.ReadAsStringAsync();
        var audit = (await _source.Flags.HistoryAsync(new Core.Audit.AuditQuery { ProjectKey = "shop", Limit = 500 })).Items;

        var again = await (await _source.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import", export)).JsonAsync();

        Assert.Equal(audit, (await _source.Flags.HistoryAsync(new Core.Audit.AuditQuery { ProjectKey = "shop", Limit = 500 })).Items);
        Assert.Equal(0, again.GetProperty("writes").GetInt32());
        Assert.Equal("unchanged", again.GetProperty("project").GetString());
        Assert.All(again.GetProperty("flags").EnumerateArray(), f =>
        {
            Assert.Equal("unchanged", f.GetProperty("outcome").GetString());
            Assert.All(f.GetProperty("environments").EnumerateArray(), e => Assert.Equal("unchanged", e.GetProperty("outcome").GetString()));
        });
    }

    [Fact]
    public async Task A_dry_run_reports_what_differs_per_flag_and_environment()
    {
        var document = JsonNode.Parse(await (await _source.GetAsync("/api/v1/projects/shop/export")).Content.ReadAsStringAsync())!;
        var banner = document["flags"]!.AsArray().First(f => (string?)f!["key"] == "banner")!;
        banner["environments"]!["production"]!["enabled"] = true;
        banner["name"] = "Big banner";
        document["environments"]!.AsArray().Add(new JsonObject { ["key"] = "qa", ["name"] = "QA", ["order"] = 3, ["protected"] = false });

        var report = await (await _source.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import?dryRun=true", document.ToJsonString())).JsonAsync();

        Assert.Equal(["unchanged", "unchanged", "created"], report.GetProperty("environments").EnumerateArray().Select(e => e.GetProperty("outcome").GetString()));
        var bannerReport = report.GetProperty("flags").EnumerateArray().First(f => f.GetProperty("key").GetString() == "banner");
        Assert.Equal("changed", bannerReport.GetProperty("outcome").GetString());
        Assert.Equal(["unchanged", "changed"], bannerReport.GetProperty("environments").EnumerateArray().Select(e => e.GetProperty("outcome").GetString()));
        Assert.Equal(3, report.GetProperty("writes").GetInt32());
        Assert.Equal(["production"], report.GetProperty("protectedEnvironments").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["production"], report.GetProperty("protectedEnvironmentsChanged").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Banner", (await _source.Flags.GetFlagAsync("shop", "banner")).Flag.Name);
    }

    [Fact]
    public async Task A_partially_invalid_document_is_refused_whole_with_every_problem_and_changes_nothing()
    {
        var document = JsonNode.Parse(await (await _source.GetAsync("/api/v1/projects/shop/export")).Content.ReadAsStringAsync())!;
        var flags = document["flags"]!.AsArray();
        flags.Add(new JsonObject { ["key"] = "brand-new", ["name"] = "Brand new", ["environments"] = new JsonObject() });
        flags[0]!["environments"]!["staging"]!["rolloutBasisPoints"] = 20_000;
        flags[1]!["environments"]!["production"]!["onVariant"] = "maybe";

        var response = await _target.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import", document.ToJsonString());

        var problem = await response.ProblemAsync(422);
        Assert.NotEmpty(problem.ErrorsFor("flags[0].environments.staging.rollout"));
        Assert.NotEmpty(problem.ErrorsFor("flags[1].environments.production.onVariant"));
        await (await _target.GetAsync("/api/v1/projects/shop")).ProblemAsync(404);
    }

    [Fact]
    public async Task A_partially_invalid_document_changes_nothing_in_an_existing_project()
    {
        var before = await (await _source.GetAsync("/api/v1/projects/shop/export")).Content.ReadAsStringAsync();
        var document = JsonNode.Parse(before)!;
        document["flags"]![0]!["name"] = "Renamed";
        document["flags"]!.AsArray().Add(new JsonObject { ["key"] = "Bad Key!", ["name"] = "" });

        var response = await _source.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import", document.ToJsonString());
        var after = await (await _source.GetAsync("/api/v1/projects/shop/export")).Content.ReadAsStringAsync();

        var problem = await response.ProblemAsync(422);
        Assert.NotEmpty(problem.ErrorsFor("flags[3].key"));
        Assert.NotEmpty(problem.ErrorsFor("flags[3].name"));
        Assert.Equal(WithoutExportTime(before), WithoutExportTime(after));
    }

    [Theory]
    [InlineData("""{"formatVersion": 1, "project": """)]
    [InlineData("""{"formatVersion": 1, "project": {"key": "shop", "name": "Shop"}, "environments": [], "flags": [], "comment": "x"}""")]
    [InlineData("""{"formatVersion": "one", "project": {"key": "shop", "name": "Shop"}, "environments": [], "flags": []}""")]
    [InlineData("""{"project": {"key": "shop", "name": "Shop"}, "environments": [], "flags": []}""")]
    public async Task A_malformed_document_is_400_and_changes_nothing(string document)
    {
        var response = await _target.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import", document);

        await response.ProblemAsync(400);
        await (await _target.GetAsync("/api/v1/projects/shop")).ProblemAsync(404);
    }

    [Fact]
    public async Task A_document_of_an_unknown_format_version_is_422()
    {
        var response = await _target.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import",
            """{"formatVersion": 2, "project": {"key": "shop", "name": "Shop"}, "environments": [], "flags": []}""");

        Assert.Contains("format version 1", (await response.ProblemAsync(422)).ErrorsFor("formatVersion")[0]);
    }

    [Fact]
    public async Task Importing_needs_an_admin()
    {
        var export = await (await _source.GetAsync("/api/v1/projects/shop/export", Role.Editor)).Content.ReadAsStringAsync();

        var response = await _source.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import?dryRun=true", export, Role.Editor);

        await response.ProblemAsync(403);
    }

    [Fact]
    public async Task A_document_can_go_into_another_project_under_another_key()
    {
        var export = await (await _source.GetAsync("/api/v1/projects/shop/export")).Content.ReadAsStringAsync();

        var response = await _source.SendAsync(HttpMethod.Post, "/api/v1/projects/shop-copy/import", export);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var copy = await _source.Flags.GetFlagAsync("shop-copy", "banner");
        Assert.Equal(2550, copy.StateIn("staging")!.RolloutBasisPoints);
    }

    internal static string WithoutExportTime(string document)
    {
        var node = JsonNode.Parse(document)!.AsObject();
        node.Remove("exportedAt");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}

public sealed class TransferApiOnMemoryTests : TransferApiTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class TransferApiOnPostgresTests(PostgresFixture postgres) : TransferApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
