using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
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

        await site.Flags.CreateProjectAsync(new NewProject("shop", "Shop"), TestSite.Seed);
        var settings = await client.GetPageAsync("/projects/shop/settings");
        settings = await HtmlPage.ParseAsync(await PageForm.Of(settings, "form.environment-create").Set("key", "staging").Set("name", "Staging").SubmitAsync(client, value: null));
        settings = await HtmlPage.ParseAsync(await PageForm.Of(settings, "form.environment-create").Set("key", "production").Set("name", "Prod").SubmitAsync(client, value: null));
        settings = await HtmlPage.ParseAsync(await PageForm.Of(settings, "li[data-key=production] form.environment-form").Set("name", "Production").Check("protected", true).SubmitAsync(client, value: null));
        settings = await HtmlPage.ParseAsync(await PageForm.Of(settings, "li[data-key=production] form.environment-move").SubmitAsync(client, "direction", "up"));

        var environments = await site.Flags.ListEnvironmentsAsync("shop");
        Assert.Equal(["production", "staging"], environments.Select(e => e.Key));
        Assert.Equal(("Production", true), (environments[0].Name, environments[0].Protected));
        Assert.Equal(["production", "staging"], settings.QuerySelectorAll("li.environment-row").Select(li => li.GetAttribute("data-key")));
    }
}
