using System.Net;

namespace FlagAdmin.Web.Tests.Auth;

public sealed class HtmxSignInChallengeTests : IAsyncLifetime
{
    private readonly TestSite _site = new(FlagAdminFactory.Memory());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_signed_out_htmx_request_takes_the_whole_page_to_sign_in_and_back_to_where_it_was()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/projects/shop/audit/export.csv");
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-Current-URL", "http://localhost/projects/shop/flags?q=checkout");

        var response = await _site.SignedOutClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fprojects%2Fshop%2Fflags%3Fq%3Dcheckout", Assert.Single(response.Headers.GetValues("HX-Redirect")));
    }

    [Fact]
    public async Task A_signed_out_page_request_is_redirected_to_sign_in()
    {
        var response = await _site.SignedOutClient().GetAsync("/projects/shop/flags");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fprojects%2Fshop%2Fflags", response.Headers.Location!.PathAndQuery);
    }
}
