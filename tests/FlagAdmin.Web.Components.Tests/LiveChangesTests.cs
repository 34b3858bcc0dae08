using System.Collections.Concurrent;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Shared;
using FlagAdmin.Web.LiveUpdates;
using Microsoft.AspNetCore.Components;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>
/// The live-update piece every list and flag page carries: someone else's change is announced with who made it, the
/// signed-in user's own is not announced back as someone else's, and the page is told about both so it re-reads.
/// </summary>
public sealed class LiveChangesTests : AdminUi
{
    private readonly ConcurrentQueue<AdminFlagChange> _changed = new();
    private readonly TaskCompletionSource _told = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync(Role.Editor, "me@example.com");
    }

    private IRenderedComponent<Providers> Watch(string project) => Render(builder =>
    {
        builder.OpenComponent<LiveChanges>(0);
        builder.AddAttribute(1, nameof(LiveChanges.Project), project);
        builder.AddAttribute(2, nameof(LiveChanges.Changed), EventCallback.Factory.Create<AdminFlagChange>(this, change =>
        {
            _changed.Enqueue(change);
            _told.TrySetResult();
        }));
        builder.CloseComponent();
    });

    private async Task TurnOnAsync(string environment, string actor)
    {
        var state = (await Flags.GetFlagAsync("shop", "new-checkout")).StateIn(environment)!;
        await Flags.SetEnabledAsync("shop", "new-checkout", environment, true, state.Version, new(actor, Role: Role.Editor));
    }

    [Fact]
    public async Task Someone_elses_change_is_announced_with_who_made_it_and_the_page_rereads()
    {
        var page = Watch("shop");

        await TurnOnAsync("staging", "bob@example.com");

        page.WaitForAssertion(() => Assert.Equal(["bob@example.com turned new-checkout on in staging"], page.Snackbars()));
        await _told.Task.WaitAsync(BunitContext.DefaultWaitTimeout);
        var change = Assert.Single(_changed);
        Assert.Equal(("new-checkout", "staging", "bob@example.com", true), (change.Flag, change.Environment, change.Actor, change.Enabled));
    }

    [Fact]
    public async Task My_own_change_reaches_the_page_but_is_not_announced_as_someone_elses()
    {
        var page = Watch("shop");

        await TurnOnAsync("staging", "me@example.com");

        // Nothing renders for one's own change, so wait for the page to be told rather than for a render.
        await _told.Task.WaitAsync(BunitContext.DefaultWaitTimeout);
        Assert.Single(_changed);
        Assert.Equal("me@example.com", _changed.Single().Actor);
        Assert.Empty(page.Snackbars());
    }

    [Fact]
    public async Task Changes_to_another_project_are_not_shown()
    {
        await Flags.CreateProjectAsync(new NewProject("blog", "Blog") { Environments = EnvironmentTemplate.Standard }, Seed);
        var page = Watch("blog");

        await TurnOnAsync("staging", "bob@example.com");
        await Flags.CreateFlagAsync(new Core.Flags.NewFlag { ProjectKey = "blog", Key = "comments", Name = "Comments" }, new("bob@example.com"));

        page.WaitForAssertion(() => Assert.Equal(["bob@example.com created comments"], page.Snackbars()));
        Assert.All(_changed, change => Assert.Equal("blog", change.Project));
    }
}
