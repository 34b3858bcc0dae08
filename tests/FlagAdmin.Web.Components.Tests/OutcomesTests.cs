using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>
/// <see cref="Outcomes"/> on its own, for what the projects page cannot provoke: something gone meanwhile, a conflict
/// with and without a handler, and a re-read while the database is down.
/// </summary>
public sealed class OutcomesTests : AdminUi
{
    private Outcomes Outcomes => Ui.Services.GetRequiredService<Outcomes>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync(Role.Admin, "admin@example.com");
    }

    private async Task<(bool Saved, IRenderedComponent<Providers> Ui)> SaveAsync(Func<Core.Common.ChangeContext, Task> write, Save options)
    {
        var ui = Render(_ => { });
        var saved = false;
        await ui.InvokeAsync(async () => saved = await Outcomes.SaveAsync(write, options));
        return (saved, ui);
    }

    [Fact]
    public async Task Something_deleted_meanwhile_is_named()
    {
        var (saved, ui) = await SaveAsync(change => Flags.UpdateProjectAsync(new ProjectUpdate("gone", 1, "Gone", false), change), new Save("Saved."));

        Assert.False(saved);
        ui.WaitForAssertion(() => Assert.Equal(["Not saved: Project 'gone' no longer exists."], ui.Snackbars()));
    }

    [Fact]
    public async Task A_conflict_goes_to_the_pages_handler_with_the_current_version()
    {
        var shop = await Flags.GetProjectAsync("shop");
        await Flags.UpdateProjectAsync(new ProjectUpdate("shop", shop.Version, "Shop (bob)", false), new("bob@example.com"));
        VersionConflictException? handled = null;

        var (saved, ui) = await SaveAsync(
            change => Flags.UpdateProjectAsync(new ProjectUpdate("shop", shop.Version, "Shop (mine)", false), change),
            new Save("Saved.", Conflict: conflict => { handled = conflict; return Task.CompletedTask; }));

        Assert.False(saved);
        Assert.Equal("bob@example.com", handled!.ChangedBy);
        Assert.Equal("Shop (bob)", ((Project)handled.Current!).Name);
        Assert.Empty(ui.Snackbars());
        Assert.Equal("Shop (bob)", (await Flags.GetProjectAsync("shop")).Name);
    }

    [Fact]
    public async Task A_conflict_without_a_handler_says_to_reload()
    {
        var shop = await Flags.GetProjectAsync("shop");
        await Flags.UpdateProjectAsync(new ProjectUpdate("shop", shop.Version, "Shop (bob)", false), new("bob@example.com"));

        var (saved, ui) = await SaveAsync(
            change => Flags.UpdateProjectAsync(new ProjectUpdate("shop", shop.Version, "Shop (mine)", false), change), new Save("Saved."));

        Assert.False(saved);
        ui.WaitForAssertion(() => Assert.Single(ui.Snackbars(), s => s.StartsWith("Not saved: Project 'shop' was changed by bob@example.com", StringComparison.Ordinal) && s.EndsWith("Reload to see the current version.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_success_clears_the_forms_earlier_errors_and_says_so()
    {
        var errors = new FormErrors();
        errors.Set("name", "Project name is required.");

        var version = (await Flags.GetProjectAsync("shop")).Version;

        var (saved, ui) = await SaveAsync(change => Flags.UpdateProjectAsync(new ProjectUpdate("shop", version, "Shop 2", false), change), new Save("Project saved.", errors));

        Assert.True(saved);
        Assert.False(errors.Any);
        ui.WaitForAssertion(() => Assert.Equal(["Project saved."], ui.Snackbars()));
    }

    [Fact]
    public async Task A_reread_while_the_database_is_down_keeps_what_the_page_shows_and_says_so()
    {
        var ui = Render(_ => { });
        var refreshed = true;

        await ui.InvokeAsync(async () => refreshed = await Outcomes.RefreshAsync(() => throw new StoreUnavailableException(new IOException("connection refused"))));

        Assert.False(refreshed);
        ui.WaitForAssertion(() => Assert.Equal(["The database is unavailable; the page shows what was loaded before."], ui.Snackbars()));
    }
}
