using System.Net;

namespace FlagAdmin.Web.Tests.Evaluation;

/// <summary>The load scripts' fixed-body endpoint: absent unless configured, then exactly the size asked for.</summary>
public sealed class CeilingEndpointTests
{
    [Fact]
    public async Task The_ceiling_is_not_served_unless_configured()
    {
        await using var site = new TestSite(FlagAdminFactory.Memory());

        var response = await site.SignedOutClient().PostAsync("/bench/ceiling/2048", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Configured_it_answers_bodies_of_exactly_the_size_asked_for_and_refuses_others()
    {
        await using var site = new TestSite(new FlagAdminFactory(new Dictionary<string, string?> { ["Store:Provider"] = "Memory", ["Benchmark:CeilingBytes"] = "2048" }));
        var client = site.SignedOutClient();

        var sizes = new List<int>();
        foreach (var path in (string[])["/bench/ceiling", "/bench/ceiling/2048", "/bench/ceiling/23206", "/bench/ceiling/20"])
        {
            var response = await client.PostAsync(path, null);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            sizes.Add((await response.Content.ReadAsByteArrayAsync()).Length);
        }

        Assert.Equal([2048, 2048, 23206, 20], sizes);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/bench/ceiling/0", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/bench/ceiling/2000000", null)).StatusCode);
    }
}
