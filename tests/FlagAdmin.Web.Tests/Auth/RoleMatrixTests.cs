using System.Net;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;
using FlagAdmin.Web.Tests.Auth.Matrix;

namespace FlagAdmin.Web.Tests.Auth;

/// <summary>
/// Each role (and a signed-out browser) against each state-changing page form and UI endpoint, with a valid
/// antiforgery token as a browser would send it: allowed is neither 401 nor 403 and changes the store; refused
/// is 403 and changes nothing; signed out is sent to the sign-in page (401 for htmx) and changes nothing.
/// </summary>
public abstract class RoleMatrixTests(SharedHost host) : IClassFixture<SharedHost>
{
    public const string SignedOut = "signed-out";

    public static TheoryData<string, string> Cells()
    {
        var cells = new TheoryData<string, string>();
        foreach (var change in StateChanges.All)
        {
            foreach (var who in new[] { SignedOut, nameof(Role.Viewer), nameof(Role.Editor), nameof(Role.Admin) })
            {
                cells.Add(change.Name, who);
            }
        }
        return cells;
    }

    protected abstract Task<FlagAdminFactory> StartAsync();

    private static async Task AssertRefusedAsync(Refusal refusal, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var (status, says) = refusal switch
        {
            _ => (HttpStatusCode.Forbidden, "You may not do this"),
        };
        Assert.True(response.StatusCode == status && body.Contains(says, StringComparison.Ordinal), $"Expected {(int)status} saying '{says}', got {(int)response.StatusCode}: {body}");
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_may_do_what_its_role_allows_and_nothing_more(string change, string who)
    {
        var site = await MatrixSite.CreateAsync(await host.GetAsync(StartAsync));
        var stateChange = StateChanges.Named(change);
        Role? role = who == SignedOut ? null : Enum.Parse<Role>(who);
        var post = await stateChange.Build(site);
        var before = await stateChange.Snapshot(site);

        var response = await MatrixSender.SendAsync(site.Site.Client(role), role, post, stateChange.Htmx);
        var after = await stateChange.Snapshot(site);

        if (role is null)
        {
            if (stateChange.Htmx)
            {
                // htmx gets 401 and takes the whole page to sign in (HX-Redirect), rather than a sign-in page in a fragment.
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.StartsWith("/signin", Assert.Single(response.Headers.GetValues("HX-Redirect")));
            }
            else
            {
                Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"Expected a redirect to sign in, got {(int)response.StatusCode}.");
                Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery);
            }
            Assert.Equal(before, after);
        }
        else if (role < stateChange.Minimal)
        {
            Assert.Equal(before, after);
            await AssertRefusedAsync(stateChange.Refusal, response);
        }
        else
        {
            Assert.True((int)response.StatusCode < 400, $"Expected success, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            if (stateChange.ChangesStore)
            {
                Assert.NotEqual(before, after);
            }
        }
    }
}

public sealed class RoleMatrixOnMemoryTests(SharedHost host) : RoleMatrixTests(host)
{
    protected override Task<FlagAdminFactory> StartAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class RoleMatrixOnPostgresTests(SharedHost host, PostgresFixture postgres) : RoleMatrixTests(host), IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> StartAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
