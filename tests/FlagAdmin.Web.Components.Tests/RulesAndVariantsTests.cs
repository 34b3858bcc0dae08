using AngleSharp.Dom;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.Flags.Detail;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>
/// A multivariate flag's page. The targeting rules of an environment panel: rules and conditions added, removed and
/// reordered, one variant or a split served, saved in order; a rule the service refuses is explained under the rules and
/// nothing is stored. The flag's variants in the details form: changed and added by an admin, locked for an editor.
/// </summary>
public sealed class RulesAndVariantsTests : AdminUi
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop",
            Key = "banner",
            Name = "Banner",
            Kind = FlagKind.Multivariate,
            VariantType = VariantType.String,
            Variants = [new Variant("a", "\"A\""), new Variant("b", "\"B\""), new Variant("c", "\"C\"")],
        }, Seed);
        await SignInAsync(Role.Admin, "admin@example.com");
    }

    private IRenderedComponent<Providers> Open()
    {
        var page = Render(builder =>
        {
            builder.OpenComponent<FlagDetailPage>(0);
            builder.AddAttribute(1, nameof(FlagDetailPage.ProjectKey), "shop");
            builder.AddAttribute(2, nameof(FlagDetailPage.FlagKey), "banner");
            builder.CloseComponent();
        });
        page.WaitForElement("#panel-staging");
        return page;
    }

    private static IElement StagingButton(IRenderedComponent<Providers> page, string label) =>
        page.FindAll("#panel-staging button").Single(b => b.GetAttribute("aria-label") == label || b.TextContent.Trim() == label);

    private static void AddRule(IRenderedComponent<Providers> page, string attribute, string value)
    {
        var index = page.FindAll("#panel-staging .flag-rule").Count;
        StagingButton(page, "Add rule").Click();
        // The new rule is drawn by the panel's next render, which a busy renderer may do after the click returns.
        page.WaitForAssertion(() => Assert.Equal(index + 1, page.FindAll("#panel-staging .flag-rule").Count));
        page.Find($"#panel-staging-rule{index}-c0-attribute").Change(attribute);
        page.Find($"#panel-staging-rule{index}-c0-values").Change(value);
    }

    private async Task<FlagState> StagingAsync() => (await Flags.GetFlagAsync("shop", "banner")).StateIn("staging")!;

    private static void Save(IRenderedComponent<Providers> page) => page.Find("#panel-staging form").Submit();

    [Fact]
    public async Task Rules_are_added_reordered_and_removed_and_saved_in_the_order_shown()
    {
        var page = Open();
        Assert.Contains("No rules: everyone gets the rollout.", page.Find("#panel-staging .flag-rules").TextContent);

        AddRule(page, "country", "DE");
        AddRule(page, "plan", "pro");
        AddRule(page, "beta", "yes");
        Assert.True(StagingButton(page, "Move rule 1 up").HasAttribute("disabled"));
        Assert.True(StagingButton(page, "Move rule 3 down").HasAttribute("disabled"));

        StagingButton(page, "Move rule 2 up").Click();
        StagingButton(page, "Delete rule 3").Click();
        StagingButton(page, "Add condition to rule 1").Click();
        page.Find("#panel-staging-rule0-c1-attribute").Change("region");
        page.Find("#panel-staging-rule0-c1-values").Change("eu");
        StagingButton(page, "Delete condition 1 of rule 1").Click();
        page.Find("#panel-staging-rule1-name").Change("Germany");
        Save(page);

        page.WaitForAssertion(() => Assert.Contains("Saved Staging.", page.Snackbars()));
        var rules = (await StagingAsync()).Rules;
        Assert.Equal(["region", "country"], rules.Select(r => r.Conditions.Single().Attribute));
        Assert.Equal([null, "Germany"], rules.Select(r => r.Name));
        Assert.All(rules, rule => Assert.Equal("a", rule.Variant));
    }

    [Fact]
    public async Task A_rule_serves_a_percentage_split_given_per_variant()
    {
        var page = Open();
        AddRule(page, "plan", "pro");

        page.FindAll("#panel-staging .flag-rule input[type=radio]")[1].Click();
        page.WaitForElement("#panel-staging-rule0-split-a");
        page.Find("#panel-staging-rule0-split-a").Change("33.33");
        page.Find("#panel-staging-rule0-split-b").Change("66.67");
        Save(page);

        page.WaitForAssertion(() => Assert.Contains("Saved Staging.", page.Snackbars()));
        var rule = (await StagingAsync()).Rules.Single();
        Assert.Null(rule.Variant);
        Assert.Equal([new SplitShare("a", 3333), new SplitShare("b", 6667)], rule.Split);
    }

    [Fact]
    public async Task A_split_that_does_not_add_up_is_explained_under_the_rules_and_nothing_is_stored()
    {
        var page = Open();
        AddRule(page, "plan", "pro");
        page.FindAll("#panel-staging .flag-rule input[type=radio]")[1].Click();
        page.WaitForElement("#panel-staging-rule0-split-a");
        page.Find("#panel-staging-rule0-split-a").Change("10");
        Save(page);

        page.WaitForAssertion(() => Assert.Contains("Rule 1", page.Find("#panel-staging .flag-rules-problems").TextContent));
        Assert.Empty((await StagingAsync()).Rules);
        Assert.Equal("10", page.Find("#panel-staging-rule0-split-a").GetAttribute("value"));
    }

    [Fact]
    public async Task A_condition_without_an_attribute_is_explained_and_nothing_is_stored()
    {
        var page = Open();
        AddRule(page, "", "DE");
        Save(page);

        page.WaitForAssertion(() => Assert.Contains("attribute", page.Find("#panel-staging .flag-rules-problems").TextContent));
        Assert.Empty((await StagingAsync()).Rules);
    }

    [Fact]
    public async Task Rules_stored_before_are_shown_with_their_conditions_in_words()
    {
        var state = await StagingAsync();
        await Flags.UpdateStateAsync(FlagStateUpdate.From(state) with
        {
            Rules = [new TargetingRule { Name = "DACH", Conditions = [new Condition("country", ConditionOperator.In, ["DE", "AT", "CH"])], Variant = "c" }],
        }, Seed);

        var page = Open();

        Assert.Equal("DACH", page.Find("#panel-staging-rule0-name").GetAttribute("value"));
        Assert.Equal("DE, AT, CH", page.Find("#panel-staging-rule0-c0-values").GetAttribute("value"));
        Assert.Contains("is one of", page.Find("#panel-staging .flag-condition-operator").TextContent);
        Assert.Contains("c (\"C\")", page.Find("#panel-staging .flag-rule-variant").TextContent);
    }

    [Fact]
    public async Task For_an_editor_the_rules_are_shown_but_locked()
    {
        await SignInAsync(Role.Editor, "editor@example.com");

        var page = Open();

        Assert.True(page.Find("#panel-staging .flag-rules").HasAttribute("disabled"));
        Assert.True(StagingButton(page, "Add rule").HasAttribute("disabled"));
    }

    [Fact]
    public async Task An_admin_changes_a_variants_value_and_adds_one_and_both_are_stored()
    {
        var page = Open();
        Assert.Equal("B", page.Find("#variant-2-value").GetAttribute("value"));

        page.Find("#variant-2-value").Change("Bee");
        page.Button("Add a variant").Click();
        page.Find("#variant-4-key").Change("d");
        page.Find("#variant-4-value").Change("D");
        page.Find("form.flag-metadata-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Saved the flag's details.", page.Snackbars()));
        var variants = (await Flags.GetFlagAsync("shop", "banner")).Flag.Variants;
        Assert.Equal([new Variant("a", "\"A\""), new Variant("b", "\"Bee\""), new Variant("c", "\"C\""), new Variant("d", "\"D\"")], variants);
    }

    [Fact]
    public async Task Removing_a_variant_an_environment_serves_is_explained_under_the_variants_and_nothing_is_stored()
    {
        var page = Open();

        page.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Remove variant 1").Click();
        page.Find("form.flag-metadata-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("'a'", page.Find("#flag-variants .mud-alert").TextContent));
        Assert.Equal(["a", "b", "c"], (await Flags.GetFlagAsync("shop", "banner")).Flag.Variants.Select(v => v.Key));
        Assert.Equal("b", page.Find("#variant-1-key").GetAttribute("value"));
    }

    [Fact]
    public async Task An_editor_edits_the_name_but_the_variants_are_locked_with_the_reason()
    {
        await SignInAsync(Role.Editor, "editor@example.com");
        var page = Open();

        Assert.True(page.Find("#flag-variants").HasAttribute("disabled"));
        Assert.Contains("needs the Admin role", page.Find("#flag-variants-help").TextContent);
        page.Find("#flag-name").Change("Banner v2");
        page.Find("form.flag-metadata-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Saved the flag's details.", page.Snackbars()));
        var flag = (await Flags.GetFlagAsync("shop", "banner")).Flag;
        Assert.Equal(("Banner v2", 3), (flag.Name, flag.Variants.Count));
    }
}
