using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Ui.Flags;

/// <summary>Two FlagAdmin hosts on one PostgreSQL database: a change made through one reaches the other's open lists.</summary>
public sealed class LiveUpdatesOnPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_change_made_through_another_process_reaches_this_ones_event_stream()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var watched = await FlagsListSeed.StartAsync(FlagAdminFactory.Postgres(database));
        await using var other = new TestSite(FlagAdminFactory.Postgres(database));
        var otherFlags = other.Flags;

        using var stream = await watched.Client(Role.Viewer).GetAsync("/projects/shop/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.Equal(": connected", await reader.ReadLineAsync());
        var state = (await otherFlags.GetFlagAsync("shop", "new-checkout")).StateIn("staging")!;
        await otherFlags.SetEnabledAsync("shop", "new-checkout", "staging", true, state.Version, new("bob@example.com", Role: Role.Editor));

        string? note = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        string? name = null;
        while (note is null && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (name == "flag-note" && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                note = line;
            }
        }
        Assert.Contains("bob@example.com turned new-checkout on in staging", note);
    }
}
