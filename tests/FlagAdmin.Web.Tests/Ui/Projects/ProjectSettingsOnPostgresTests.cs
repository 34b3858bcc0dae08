using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Ui.Projects;

/// <summary>Projects and environments made, renamed, protected and reordered through the pages, kept in PostgreSQL.</summary>
public sealed class ProjectSettingsOnPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_project_and_its_environments_are_set_up_through_the_pages()
    {
        await using var site = new TestSite(FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync()));
        var client = site.Client(Role.Admin);

        var projects = await client.GetPageAsync("/projects");
        await PageForm.Of(projects, "form.project-create").Set("key", "shop").Set("name", "Shop").Set("environments", "development").SubmitAsync(client, value: null);
        var settings = await client.GetPageAsync("/projects/shop/settings");
        settings = await HtmlPage.ParseAsync(await PageForm.Of(settings, "form.environment-create").Set("key", "staging").Set("name", "Staging").SubmitAsync(client, value: null));
        settings = await HtmlPage.ParseAsync(await PageForm.Of(settings, "form.environment-create").Set("key", "production").Set("name", "Prod").SubmitAsync(client, value: null));
        settings = await HtmlPage.ParseAsync(await PageForm.Of(settings, "li[data-key=production] form.environment-form").Set("name", "Production").Check("protected", true).SubmitAsync(client, value: null));
        settings = await HtmlPage.ParseAsync(await PageForm.Of(settings, "li[data-key=production] form.environment-move").SubmitAsync(client, "direction", "up"));
        var stale = await HtmlPage.ParseAsync(await PageForm.Of(projects, "form.project-create").Set("key", "shop").Set("name", "Again").SubmitAsync(client, value: null));

        var environments = await site.Flags.ListEnvironmentsAsync("shop");
        Assert.Equal(["development", "production", "staging"], environments.Select(e => e.Key));
        Assert.Equal(("Production", true), (environments[1].Name, environments[1].Protected));
        Assert.Equal(["development", "production", "staging"], settings.QuerySelectorAll("li.environment-row").Select(li => li.GetAttribute("data-key")));
        Assert.Contains("already taken", stale.QuerySelector("#project-key-problem")!.TextContent);
    }
}
