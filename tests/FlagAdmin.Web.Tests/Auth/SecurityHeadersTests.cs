using System.Net;
using FlagAdmin.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FlagAdmin.Web.Tests.Auth;

public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private readonly FlagAdminFactory _factory = FlagAdminFactory.Memory();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("/signin")]
    [InlineData("/no/such/page")]
    [InlineData("/app.js")]
    [InlineData("/healthz")]
    [InlineData("/ofrep/v1/evaluate/flags")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("style-src 'self' 'unsafe-inline';", csp);
        Assert.Contains("connect-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(csp, "unsafe-inline"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task Pages_have_no_inline_script_and_no_event_handler_attributes()
    {
        var response = await _factory.CreateClient().GetAsync("/signin");

        var page = await HtmlPage.ParseAsync(response);
        Assert.All(page.QuerySelectorAll("script"), script => Assert.False(string.IsNullOrEmpty(script.GetAttribute("src"))));
        Assert.DoesNotContain(page.All.SelectMany(element => element.Attributes), attribute => attribute.Name.StartsWith("on", StringComparison.Ordinal));
    }

    // HSTS is never sent for localhost (the middleware excludes it), so the request names another host.
    [Fact]
    public async Task Outside_development_https_responses_carry_hsts_and_the_antiforgery_cookie_is_secure()
    {
        await using var production = _factory.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://flagadmin.example"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/error/404");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("FlagAdmin.Antiforgery="));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing from {response.RequestMessage!.RequestUri}.");
}
