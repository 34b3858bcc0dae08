using AngleSharp.Dom;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Storage.Memory;
using FlagAdmin.Web.Components.Audit;

namespace FlagAdmin.Web.Tests.Ui.Audit;

/// <summary>
/// The before/after of audit entries the real FlagService wrote (memory store), rendered with HtmlRenderer:
/// what a person reads in the audit trail, and the stored record behind it.
/// </summary>
public sealed class AuditDifferenceTests
{
    private static readonly ChangeContext Admin = new("ada@example.com");
    private static readonly TargetingRule BetaRule = new()
    {
        Name = "Beta",
        Conditions = [new Condition("country", ConditionOperator.In, ["DE", "AT"])],
        Variant = "on",
    };
    private static readonly TargetingRule StaffRule = new()
    {
        Conditions = [new Condition("email", ConditionOperator.EndsWith, ["@example.com"])],
        Split = [new SplitShare("on", 2500), new SplitShare("off", 7500)],
    };

    private readonly FlagService _flags;

    public AuditDifferenceTests()
    {
        var store = new MemoryFlagRepository(TimeProvider.System);
        _flags = new FlagService(store, store);
    }

    [Fact]
    public async Task A_rollout_change_reads_as_old_percentage_to_new_percentage()
    {
        var state = await FlagInProductionAsync();
        state = await _flags.SetRolloutAsync("shop", "checkout", "production", 1000, state.Version, Admin);
        await _flags.SetRolloutAsync("shop", "checkout", "production", 1250, state.Version, Admin);

        var page = await RenderLatestAsync();

        var rollout = Field(page, "Rollout");
        Assert.Equal("10 %", rollout.QuerySelector("del")!.TextContent);
        Assert.Equal("12.5 %", rollout.QuerySelector("ins")!.TextContent);
        Assert.Single(page.QuerySelectorAll(".audit-changes > li"));
    }

    [Fact]
    public async Task A_toggle_reads_as_off_to_on_without_bookkeeping_fields()
    {
        var state = await FlagInProductionAsync();
        await _flags.SetEnabledAsync("shop", "checkout", "production", true, state.Version, Admin);

        var page = await RenderLatestAsync();

        var enabled = Field(page, "Enabled");
        Assert.Equal("off", enabled.QuerySelector("del")!.TextContent);
        Assert.Equal("on", enabled.QuerySelector("ins")!.TextContent);
        var shown = page.QuerySelectorAll(".audit-changes > li").Select(li => li.GetAttribute("data-field")).ToList();
        Assert.Equal(["Enabled"], shown);
    }

    [Fact]
    public async Task An_added_targeting_rule_reads_as_a_sentence()
    {
        var state = await FlagInProductionAsync();
        await _flags.SetRulesAsync("shop", "checkout", "production", [BetaRule], state.Version, Admin);

        var page = await RenderLatestAsync();

        var item = Assert.Single(Field(page, "Targeting rules").QuerySelectorAll(".audit-items li"));
        Assert.Equal("added", item.GetAttribute("data-change"));
        Assert.Equal("Beta: country is one of DE, AT → serve on", item.QuerySelector("ins")!.TextContent);
    }

    [Fact]
    public async Task An_edited_rule_reads_as_its_position_with_old_and_new_sentence()
    {
        var state = await FlagInProductionAsync();
        state = await _flags.SetRulesAsync("shop", "checkout", "production", [BetaRule, StaffRule], state.Version, Admin);
        var edited = BetaRule with { Conditions = [new Condition("country", ConditionOperator.Equals, ["FR"])] };
        await _flags.SetRulesAsync("shop", "checkout", "production", [edited, StaffRule], state.Version, Admin);

        var page = await RenderLatestAsync();

        var item = Assert.Single(Field(page, "Targeting rules").QuerySelectorAll(".audit-items li"));
        Assert.Equal("changed", item.GetAttribute("data-change"));
        Assert.StartsWith("#1", item.TextContent.Trim());
        Assert.Equal("Beta: country is one of DE, AT → serve on", item.QuerySelector("del")!.TextContent);
        Assert.Equal("Beta: country is FR → serve on", item.QuerySelector("ins")!.TextContent);
    }

    [Fact]
    public async Task Reordered_rules_read_as_reordered_with_the_new_order_and_splits_as_percentages()
    {
        var state = await FlagInProductionAsync();
        state = await _flags.SetRulesAsync("shop", "checkout", "production", [BetaRule, StaffRule], state.Version, Admin);
        await _flags.SetRulesAsync("shop", "checkout", "production", [StaffRule, BetaRule], state.Version, Admin);

        var page = await RenderLatestAsync();

        var item = Assert.Single(Field(page, "Targeting rules").QuerySelectorAll(".audit-items li"));
        Assert.Equal("reordered", item.GetAttribute("data-change"));
        Assert.Equal(
            "email ends with @example.com → split on 25 %, off 75 %; Beta: country is one of DE, AT → serve on",
            item.QuerySelector("ins")!.TextContent);
    }

    [Fact]
    public async Task A_created_flag_lists_its_values_with_variants_and_tags_summarized()
    {
        await CreateFlagAsync();

        var page = await RenderAsync(await EntryAsync(AuditAction.FlagCreated));

        Assert.Contains("Created with", page.Body!.TextContent);
        var values = Values(page);
        Assert.Equal("New checkout", values["Name"]);
        Assert.Equal("on = true; off = false", values["Variants"]);
        Assert.Equal("beta; payments", values["Tags"]);
        Assert.False(values.ContainsKey("Created by"));
        Assert.False(values.ContainsKey("Project key"));
    }

    [Fact]
    public async Task A_deleted_flag_shows_what_it_had()
    {
        var flag = await CreateFlagAsync();
        await _flags.DeleteFlagAsync("shop", "checkout", flag.Flag.Version, Admin);

        var entry = await EntryAsync(AuditAction.FlagDeleted);
        var page = await RenderAsync(entry);
        var record = await RenderStoredAsync(entry);

        Assert.Contains("Deleted", page.Body!.TextContent);
        Assert.Equal("New checkout", Values(page)["Name"]);
        Assert.Null(record.QuerySelector(".audit-json-after"));
        Assert.Contains("\"key\": \"checkout\"", record.QuerySelector(".audit-json-before")!.TextContent);
    }

    [Fact]
    public async Task Changed_tags_read_as_added_and_removed()
    {
        var flag = await CreateFlagAsync();
        await _flags.UpdateFlagAsync(new FlagUpdate
        {
            ProjectKey = "shop",
            Key = "checkout",
            ExpectedVersion = flag.Flag.Version,
            Name = "New checkout",
            Variants = flag.Flag.Variants,
            Tags = ["payments", "launch", "q4"],
        }, Admin);

        var page = await RenderLatestAsync();

        var items = Field(page, "Tags").QuerySelectorAll(".audit-items li")
            .Select(li => $"{li.GetAttribute("data-change")} {li.QuerySelector("ins, del")!.TextContent}").ToList();
        Assert.Equal(["removed beta", "added launch", "added q4"], items);
    }

    [Fact]
    public async Task A_project_setting_reads_as_no_to_yes()
    {
        var project = await _flags.CreateProjectAsync(new NewProject("shop", "Shop"), Admin);
        await _flags.UpdateProjectAsync(new ProjectUpdate("shop", project.Version, "Shop EU", true), Admin);

        var page = await RenderLatestAsync();

        Assert.Equal("Shop", Field(page, "Name").QuerySelector("del")!.TextContent);
        Assert.Equal("Shop EU", Field(page, "Name").QuerySelector("ins")!.TextContent);
        Assert.Equal("yes", Field(page, "Reason required in protected environments").QuerySelector("ins")!.TextContent);
    }

    [Fact]
    public async Task Values_people_typed_are_shown_as_text_not_markup()
    {
        var flag = await CreateFlagAsync();
        await _flags.UpdateFlagAsync(new FlagUpdate
        {
            ProjectKey = "shop",
            Key = "checkout",
            ExpectedVersion = flag.Flag.Version,
            Name = "<img src=x onerror=alert(1)>",
            Variants = flag.Flag.Variants,
            Tags = flag.Flag.Tags,
        }, Admin);

        var page = await RenderLatestAsync();

        Assert.Null(page.QuerySelector(".audit-changes img"));
        Assert.Equal("<img src=x onerror=alert(1)>", Field(page, "Name").QuerySelector("ins")!.TextContent);
    }

    [Fact]
    public async Task Json_that_is_not_an_object_is_shown_raw_with_a_note()
    {
        var entry = new AuditEntry
        {
            At = DateTimeOffset.UnixEpoch,
            Actor = "someone",
            Action = AuditAction.ConfigChanged,
            ProjectKey = "shop",
            Before = "not json",
            After = "[1,2]",
        };

        var page = await RenderAsync(entry);
        var record = await RenderStoredAsync(entry);

        Assert.Contains("cannot be shown field by field", page.Body!.TextContent);
        Assert.Equal("not json", record.QuerySelector(".audit-json-before")!.TextContent);
    }

    private async Task<FlagDetails> CreateFlagAsync()
    {
        if ((await _flags.ListProjectsAsync()).Count == 0)
        {
            await _flags.CreateProjectAsync(new NewProject("shop", "Shop"), Admin);
            await _flags.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 1, Protected: true), Admin);
        }
        return await _flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop",
            Key = "checkout",
            Name = "New checkout",
            Tags = ["payments", "beta"],
        }, Admin);
    }

    private async Task<FlagState> FlagInProductionAsync() => (await CreateFlagAsync()).StateIn("production")!;

    private async Task<AuditEntry> EntryAsync(AuditAction action) =>
        (await _flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Action = action })).Items[0];

    private async Task<IDocument> RenderLatestAsync() =>
        await RenderAsync((await _flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Limit = 1 })).Items[0]);

    private static Task<IDocument> RenderAsync(AuditEntry entry) =>
        ComponentHtml.RenderAsync<AuditDifference>(new Dictionary<string, object?> { ["Entry"] = entry });

    private static Task<IDocument> RenderStoredAsync(AuditEntry entry) =>
        ComponentHtml.RenderAsync<AuditStoredJson>(new Dictionary<string, object?> { ["Entry"] = entry });

    private static IElement Field(IDocument page, string label) =>
        page.QuerySelectorAll(".audit-changes > li").SingleOrDefault(li => li.GetAttribute("data-field") == label)
        ?? throw new Xunit.Sdk.XunitException($"No change of '{label}' shown in: {page.Body!.InnerHtml}");

    private static Dictionary<string, string> Values(IDocument page) =>
        page.QuerySelectorAll(".audit-values dt").ToDictionary(dt => dt.TextContent, dt => dt.NextElementSibling!.TextContent);
}
