using System.Net;
using System.Net.Http.Headers;

namespace FlagAdmin.Web.Tests.Evaluation;

public sealed class FlagChangeStreamTests
{
    [Fact]
    public async Task Subscribers_of_an_environment_hear_refetch_when_one_of_its_flags_changes()
    {
        await using var host = await OfrepHost.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/ofrep/v1/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Production.Secret);
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": connected", await reader.ReadLineAsync());

        var state = (await host.Flags.GetFlagAsync("shop", "banner-colour")).StateIn("production")!;
        await host.Flags.SetEnabledAsync("shop", "banner-colour", "production", true, state.Version, OfrepHost.Admin);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? data = null;
        while (data is null && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line;
            }
        }
        Assert.Equal("""data: {"type":"refetchEvaluation"}""", data);
    }

    [Fact]
    public async Task The_stream_needs_an_sdk_key()
    {
        await using var host = await OfrepHost.StartAsync();

        var response = await host.Client.GetAsync("/ofrep/v1/events");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
