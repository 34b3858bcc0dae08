using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.Flags;
using FlagAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>
/// The new-flag page: a boolean or multivariate flag with typed variants (rows added and removed), and every outcome
/// of creating it — created (then its page), field errors with the form as typed, a key taken, the database down, a refusal.
/// </summary>
public sealed class NewFlagPageTests : AdminUi
{
    private IRenderedComponent<Providers> Open() => Render(builder =>
    {
        builder.OpenComponent<NewFlagPage>(0);
        builder.AddAttribute(1, nameof(NewFlagPage.ProjectKey), "shop");
        builder.CloseComponent();
    });

    private async Task<IRenderedComponent<Providers>> OpenAsAdminAsync()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        page.WaitForElement("form.new-flag");
        return page;
    }

    private static void Choose(IRenderedComponent<Providers> page, string label) =>
        page.FindAll("label.mud-radio").Single(l => l.TextContent.Trim() == label).QuerySelector("input")!.Click();

    private static void FillVariant(IRenderedComponent<Providers> page, int number, string key, string value, string? description = null)
    {
        page.Find($"#variant-{number}-key").Change(key);
        page.Find($"#variant-{number}-value").Change(value);
        if (description is not null)
        {
            page.Find($"#variant-{number}-description").Change(description);
        }
    }

    private async Task<int> FlagCountAsync() => (await Flags.ListFlagsAsync(new FlagQuery { ProjectKey = "shop" })).TotalCount;

    [Fact]
    public async Task A_boolean_flag_is_created_with_its_reason_and_the_page_goes_to_it()
    {
        var page = await OpenAsAdminAsync();
        Assert.Empty(page.FindAll(".variant-row"));

        page.Find("#flag-key").Change("search-v2");
        page.Find("#flag-name").Change("Search v2");
        page.Find("#flag-description").Change("New ranking");
        page.Find("#flag-tags").Change("search, beta");
        page.Find("#flag-owner").Change("discovery");
        page.Find("#flag-reason").Change("Q4 plan");
        await page.Find("form.new-flag").SubmitAsync();

        page.WaitForAssertion(() => Assert.EndsWith("/projects/shop/flags/search-v2", Ui.Services.GetRequiredService<NavigationManager>().Uri));
        Assert.Contains("Flag search-v2 created.", page.Snackbars());
        var created = (await Flags.GetFlagAsync("shop", "search-v2")).Flag;
        Assert.Equal((FlagKind.Boolean, "Search v2", "New ranking", "discovery"), (created.Kind, created.Name, created.Description, created.Owner));
        Assert.Equal(["beta", "search"], created.Tags.Order());
        var entry = (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", FlagKey = "search-v2", Limit = 1 })).Items[0];
        Assert.Equal(("admin@example.com", "Q4 plan"), (entry.Actor, entry.Reason));
    }

    [Fact]
    public async Task A_multivariate_flag_takes_typed_variants_rows_added_and_removed_and_skips_blank_ones()
    {
        var page = await OpenAsAdminAsync();
        page.Find("#flag-key").Change("limits");
        page.Find("#flag-name").Change("Limits");

        Choose(page, "Multivariate: serves one of its variants");
        Choose(page, "Number");
        Assert.Equal(2, page.FindAll(".variant-row").Count);
        Assert.Contains("A number", page.Find(".variant-row").TextContent);
        FillVariant(page, 1, "low", "10");
        FillVariant(page, 2, "mid", "50", "Most teams");
        page.Button("Add a variant").Click();
        page.Button("Add a variant").Click();
        FillVariant(page, 3, "oops", "0");
        FillVariant(page, 4, "high", "100");
        page.Find("button[aria-label='Remove variant 3']").Click();
        Assert.Equal(["low", "mid", "high"], page.FindAll(".variant-key input").Select(i => i.GetAttribute("value")));
        page.Button("Add a variant").Click();
        await page.Find("form.new-flag").SubmitAsync();

        page.WaitForAssertion(() => Assert.EndsWith("/projects/shop/flags/limits", Ui.Services.GetRequiredService<NavigationManager>().Uri));
        var created = (await Flags.GetFlagAsync("shop", "limits")).Flag;
        Assert.Equal((FlagKind.Multivariate, VariantType.Number), (created.Kind, created.VariantType));
        Assert.Equal([new Variant("low", "10"), new Variant("mid", "50", "Most teams"), new Variant("high", "100")], created.Variants);
    }

    [Fact]
    public async Task Text_variants_are_typed_as_text_and_stored_as_json_strings()
    {
        var page = await OpenAsAdminAsync();
        page.Find("#flag-key").Change("button-colour");
        page.Find("#flag-name").Change("Button colour");
        Choose(page, "Multivariate: serves one of its variants");
        FillVariant(page, 1, "blue", "Blue");
        FillVariant(page, 2, "green", "Green", "Spring");

        await page.Find("form.new-flag").SubmitAsync();

        page.WaitForAssertion(() => Assert.EndsWith("/projects/shop/flags/button-colour", Ui.Services.GetRequiredService<NavigationManager>().Uri));
        var created = (await Flags.GetFlagAsync("shop", "button-colour")).Flag;
        Assert.Equal(VariantType.String, created.VariantType);
        Assert.Equal([new Variant("blue", "\"Blue\""), new Variant("green", "\"Green\"", "Spring")], created.Variants);
    }

    [Fact]
    public async Task Invalid_input_is_explained_next_to_each_field_the_form_stays_as_typed_and_nothing_is_created()
    {
        var page = await OpenAsAdminAsync();
        var before = await FlagCountAsync();
        page.Find("#flag-key").Change("Not A Key");
        Choose(page, "Multivariate: serves one of its variants");
        Choose(page, "Number");
        FillVariant(page, 1, "low", "ten");

        await page.Find("form.new-flag").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("variant 'low'", page.Find("#flag-variants-problem").TextContent));
        var errors = page.FindAll(".mud-input-control.mud-input-error").ToDictionary(c => c.QuerySelector("input, textarea")!.Id!, c => c.QuerySelector(".mud-input-helper-text")!.TextContent);
        Assert.Contains("may only contain", errors["flag-key"]);
        Assert.Equal("Name is required.", errors["flag-name"]);
        Assert.Equal("Not A Key", page.Find("#flag-key").GetAttribute("value"));
        Assert.Equal("ten", page.Find("#variant-1-value").GetAttribute("value"));
        Assert.Single(page.Snackbars(), s => s.StartsWith("Not saved:", StringComparison.Ordinal));
        Assert.Equal(before, await FlagCountAsync());
        Assert.EndsWith("/", Ui.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task A_key_already_taken_is_explained_at_the_key()
    {
        var page = await OpenAsAdminAsync();
        page.Find("#flag-key").Change("new-checkout");
        page.Find("#flag-name").Change("Again");

        await page.Find("form.new-flag").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("already taken", page.Find(".mud-input-control.mud-input-error .mud-input-helper-text").TextContent));
        Assert.Equal("New checkout", (await Flags.GetFlagAsync("shop", "new-checkout")).Flag.Name);
    }

    [Fact]
    public async Task With_the_database_down_it_says_so_and_the_form_stays_as_typed()
    {
        var page = await OpenAsAdminAsync();
        page.Find("#flag-key").Change("search-v2");
        page.Find("#flag-name").Change("Search v2");
        Outage.Method = nameof(IFlagRepository.CreateFlagAsync);
        Outage.Down = true;

        await page.Find("form.new-flag").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains(Outcomes.StoreDown, page.Snackbars()));
        Assert.Contains("What you typed is still here", page.Find(".store-down").TextContent);
        Assert.Equal(("search-v2", "Search v2"), (page.Find("#flag-key").GetAttribute("value"), page.Find("#flag-name").GetAttribute("value")));
        Outage.Down = false;
        Assert.Null(await Flags.FindFlagVersionAsync("shop", "search-v2"));
    }

    [Fact]
    public async Task An_admin_demoted_since_the_page_opened_is_refused_and_nothing_is_created()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        page.WaitForElement("form.new-flag");
        page.Find("#flag-key").Change("search-v2");
        page.Find("#flag-name").Change("Search v2");
        await ChangeStoredUserAsync(admin, role: Role.Editor);

        await page.Find("form.new-flag").SubmitAsync();

        page.WaitForAssertion(() => Assert.Single(page.Snackbars(), s => s.Contains("needs the Admin role", StringComparison.Ordinal)));
        Assert.Null(await Flags.FindFlagVersionAsync("shop", "search-v2"));
        Assert.Equal("search-v2", page.Find("#flag-key").GetAttribute("value"));
    }
}
