using System.Net;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FlagAdmin.Web.Tests.Auth;

public sealed class HttpsOnlyTests : IAsyncLifetime
{
    private readonly FlagAdminFactory _factory = FlagAdminFactory.Memory();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private HttpClient Client(string baseAddress, string? requireHttps = null)
    {
        var host = _factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            if (requireHttps is not null)
            {
                builder.UseSetting(HttpsOnly.Setting, requireHttps);
            }
        });
        return host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });
    }

    [Fact]
    public async Task Outside_Development_a_page_over_plain_http_says_how_to_reach_FlagAdmin_instead_of_failing()
    {
        var response = await Client("http://flagadmin.example").GetAsync("/signin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpsOnly.PlainHttpRefusal, await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Outside_Development_health_checks_answer_over_plain_http(string path)
    {
        var response = await Client("http://flagadmin.example").GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Outside_Development_the_sign_in_page_over_https_sets_a_secure_cookie()
    {
        var response = await Client("https://flagadmin.example").GetAsync("/signin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("FlagAdmin.Antiforgery="));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_RequireHttps_off_the_sign_in_page_works_over_plain_http_with_a_plain_cookie()
    {
        var response = await Client("http://flagadmin.example", requireHttps: "false").GetAsync("/signin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("FlagAdmin.Antiforgery="));
        Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
