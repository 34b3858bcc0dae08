using FlagAdmin.Core.Targeting;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Ui.FlagDetail;

/// <summary>The flag detail page on the PostgreSQL store (versions are xmin there): the same saves, conflicts and answers.</summary>
public sealed class FlagDetailOnPostgresTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private TestSite _host = default!;

    public async Task InitializeAsync() =>
        _host = await FlagDetailSeed.StartAsync(FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync()));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Rollout_rules_and_config_are_saved_and_a_bad_one_changes_nothing()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync();
        page = await HtmlPage.ParseAsync(await PageForm.Of(page, "#panel-development").SubmitAsync(client, value: "add-rule"));

        var bad = await HtmlPage.ParseAsync(await PageForm.Of(page, "#panel-development").Set("rollout", "12.5").Set("config", "{").SubmitAsync(client));
        Assert.NotNull(bad.QuerySelector("#panel-development textarea[name=config].is-invalid"));
        Assert.Equal(10_000, (await _host.StateAsync("new-checkout", "development")).RolloutBasisPoints);

        await PageForm.Of(bad, "#panel-development").Set("config", """{"limit": 3}""")
            .Set("rules[0].conditions[0].attribute", "plan").Set("rules[0].conditions[0].values", "pro")
            .SubmitAsync(client, htmx: true);

        var stored = await _host.StateAsync("new-checkout", "development");
        Assert.Equal(1250, stored.RolloutBasisPoints);
        Assert.Equal("""{"limit":3}""", stored.Config);
        Assert.Equal(new Condition("plan", ConditionOperator.Equals, ["pro"]), stored.Rules.Single().Conditions.Single());
    }

    [Fact]
    public async Task A_stale_save_shows_the_conflict_and_apply_mine_on_top_wins()
    {
        var client = _host.Client(Role.Admin, "me@example.com");
        var page = await client.FlagPageAsync();
        var loaded = await _host.StateAsync("new-checkout", "production");
        await _host.Flags.SetEnabledAsync("shop", "new-checkout", "production", true, loaded.Version, new("alice@example.com"));

        var conflict = await HtmlPage.ParseAsync(await PageForm.Of(page, "#panel-production").Set("rollout", "40").Check("confirmed", true).SubmitAsync(client, htmx: true));
        Assert.Contains("alice@example.com changed Production", conflict.QuerySelector(".flag-conflict")!.TextContent);
        Assert.Equal(10_000, (await _host.StateAsync("new-checkout", "production")).RolloutBasisPoints);

        await new PageForm(conflict.Body!.FirstElementChild!).Check("confirmed", true).SubmitAsync(client, value: "apply-mine", htmx: true);

        var stored = await _host.StateAsync("new-checkout", "production");
        Assert.Equal((4000, false, "me@example.com"), (stored.RolloutBasisPoints, stored.Enabled, stored.UpdatedBy));
    }

    [Fact]
    public async Task An_editor_toggles_and_the_history_and_try_it_read_it_back()
    {
        var client = _host.Client(Role.Editor, "ed@example.com");
        var page = await client.FlagPageAsync();

        await PageForm.Of(page, "#panel-development").Check("enabled", true).SubmitAsync(client, htmx: true);
        var forbidden = await HtmlPage.ParseAsync(await PageForm.Of(await client.FlagPageAsync(), "#panel-development").Set("rollout", "1").SubmitAsync(client, htmx: true));

        Assert.Contains("needs the Admin role", forbidden.QuerySelector(".alert-danger")!.TextContent);
        page = await client.FlagPageAsync();
        Assert.Equal("Turned on or off", page.QuerySelector(".flag-history > li [data-action]")!.TextContent);
        var tried = await HtmlPage.ParseAsync(await PageForm.Of(page, "#flag-try").Set("environment", "development").Set("targetingKey", "u1").SubmitAsync(client, value: "evaluate", htmx: true));
        Assert.Equal("true", tried.QuerySelector("[data-result=value]")!.TextContent);
        Assert.Equal("STATIC", tried.QuerySelector("[data-result=reason]")!.TextContent);
    }
}
