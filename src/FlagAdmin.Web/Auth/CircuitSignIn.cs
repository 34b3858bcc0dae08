using System.Security.Claims;
using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace FlagAdmin.Web.Auth;

/// <summary>
/// The sign-in of an interactive circuit, checked against the store every <see cref="Interval"/> the way the cookie is
/// checked on every request (<see cref="CookieSignIn.CheckAsync"/>): a changed role replaces the circuit's principal
/// (pages disable what the role may no longer do), a deactivated, deleted or re-passworded user becomes anonymous
/// (the router sends them to sign in). Writes do not wait for this: <see cref="CurrentUser"/> checks on every call.
/// </summary>
public sealed partial class CircuitSignIn : ServerAuthenticationStateProvider, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly UserService _users;
    private readonly TimeProvider _time;
    private readonly ILogger<CircuitSignIn> _logger;
    private readonly CancellationTokenSource _stop = new();
    private int _watching;

    public CircuitSignIn(UserService users, TimeProvider time, ILogger<CircuitSignIn> logger)
    {
        _users = users;
        _time = time;
        _logger = logger;
        AuthenticationStateChanged += StartWatching;
    }

    private static AuthenticationState Anonymous => new(new ClaimsPrincipal(new ClaimsIdentity()));

    private void StartWatching(Task<AuthenticationState> state)
    {
        if (Interlocked.Exchange(ref _watching, 1) == 0)
        {
            _ = WatchAsync();
        }
    }

    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!await RecheckAsync())
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The circuit (or request) ended.
        }
    }

    /// <summary>One check; false once the circuit is signed out and there is nothing left to watch.</summary>
    internal async Task<bool> RecheckAsync()
    {
        var principal = (await GetAuthenticationStateAsync()).User;
        if (principal.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        try
        {
            var (verdict, user) = await CookieSignIn.CheckAsync(principal, _users, _stop.Token);
            switch (verdict)
            {
                case SignInCheck.Rejected:
                    SetAuthenticationState(Task.FromResult(Anonymous));
                    return false;
                case SignInCheck.Changed:
                    SetAuthenticationState(Task.FromResult(new AuthenticationState(CookieSignIn.CreatePrincipal(user!))));
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            CheckFailed(_logger, e);
        }
        return true;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Checking a circuit's sign-in against the store failed; it is checked again shortly.")]
    private static partial void CheckFailed(ILogger logger, Exception exception);
}
