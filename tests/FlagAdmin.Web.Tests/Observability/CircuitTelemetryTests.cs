using System.Diagnostics.Metrics;
using System.Security.Claims;
using FlagAdmin.Core.Observability;
using FlagAdmin.Web.Observability;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Observability;

/// <summary>Open circuits are counted, and signed-in users once however many circuits (tabs) they have open.</summary>
public sealed class CircuitTelemetryTests
{
    private sealed class SignedIn(string? userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(userId is null
            ? new ClaimsPrincipal(new ClaimsIdentity())
            : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));
    }

    [Fact]
    public async Task Circuits_and_distinct_users_rise_and_fall_with_opened_and_closed_circuits()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var probe = new MetricsProbe(factory);
        var metrics = new FlagAdminMetrics(factory);
        var users = new SignedInUsers(metrics);
        var circuits = new[] { "ada", "ada", "grace", null }.Select(id => new CircuitTelemetry(metrics, users, new SignedIn(id))).ToList();

        foreach (var circuit in circuits)
        {
            await circuit.OnCircuitOpenedAsync(null!, default);
        }
        var usersWithAll = probe.Latest("flagadmin.users.signed_in");
        await circuits[0].OnCircuitClosedAsync(null!, default);
        var usersWithOneAdaLeft = probe.Latest("flagadmin.users.signed_in");
        await circuits[1].OnCircuitClosedAsync(null!, default);
        await circuits[3].OnCircuitClosedAsync(null!, default);

        Assert.Equal(2, usersWithAll);
        Assert.Equal(2, usersWithOneAdaLeft);
        Assert.Equal(1, probe.Latest("flagadmin.users.signed_in"));
        Assert.Equal(1, probe.Read("flagadmin.circuits.open").Sum(r => r.Value));
    }
}
