using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui.Flags;

/// <summary>The static pages' live feed (/projects/{p}/events, server-sent events): who changed which flag where.</summary>
public sealed class AdminEventStreamTests : IAsyncLifetime
{
    private TestSite _host = default!;

    public async Task InitializeAsync() => _host = await FlagsListSeed.StartAsync(FlagAdminFactory.Memory());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_live_feed_tells_an_open_list_who_turned_which_flag_on_where()
    {
        using var stream = await _host.Client(Role.Viewer).GetAsync("/projects/shop/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.Equal(": connected", await reader.ReadLineAsync());

        var state = await _host.StateAsync("new-checkout", "production");
        await _host.Flags.SetEnabledAsync("shop", "new-checkout", "production", true, state.Version, new("alice@example.com", Role: Role.Editor));

        var events = new Dictionary<string, string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? name = null;
        while (!events.ContainsKey("flag-note") && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events[name!] = line["data: ".Length..];
            }
        }
        Assert.Contains("\"environment\":\"production\"", events["flag-changed-new-checkout"]);
        Assert.Contains("\"enabled\":true", events["flag-changed"]);
        Assert.Contains("alice@example.com turned new-checkout on in production", events["flag-note"]);
    }
}
