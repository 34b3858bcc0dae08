using System.Collections.Concurrent;
using FlagAdmin.Core.Observability;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace FlagAdmin.Web.Observability;

/// <summary>
/// Counts the admin app's open circuits (<c>flagadmin.circuits.open</c>) and the people behind them
/// (<c>flagadmin.users.signed_in</c>: distinct users with at least one open circuit, as signed in when it opened).
/// One handler per circuit; the users are shared through <see cref="SignedInUsers"/>.
/// </summary>
internal sealed class CircuitTelemetry(FlagAdminMetrics metrics, SignedInUsers users, AuthenticationStateProvider authentication) : CircuitHandler
{
    private string? _userId;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.OpenCircuits.Add(1);
        _userId = (await authentication.GetAuthenticationStateAsync()).User.UserId();
        if (_userId is not null)
        {
            users.Opened(_userId);
        }
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.OpenCircuits.Add(-1);
        if (_userId is not null)
        {
            users.Closed(_userId);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Open circuits per user id; observed as the number of users with any.</summary>
internal sealed class SignedInUsers
{
    private readonly ConcurrentDictionary<string, int> _circuits = new(StringComparer.Ordinal);

    public SignedInUsers(FlagAdminMetrics metrics) =>
        metrics.Meter.CreateObservableGauge("flagadmin.users.signed_in", () => _circuits.Count, "{user}",
            "Distinct users with at least one open admin app circuit.");

    public void Opened(string userId) => _circuits.AddOrUpdate(userId, 1, (_, n) => n + 1);

    public void Closed(string userId)
    {
        while (_circuits.TryGetValue(userId, out var n))
        {
            if (n <= 1 ? _circuits.TryRemove(new KeyValuePair<string, int>(userId, n)) : _circuits.TryUpdate(userId, n - 1, n))
            {
                return;
            }
        }
    }
}
