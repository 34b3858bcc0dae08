using System.IO.Compression;
using System.Net;
using System.Text.Json;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Web.Tests.Evaluation;

/// <summary>What an OFREP answer looks like on the wire: lean or full metadata, compressed bulk answers and their ETags.</summary>
public sealed class OfrepRepresentationTests
{
    private const string Bulk = "/ofrep/v1/evaluate/flags";
    private const string Alice = """{"context":{"targetingKey":"alice"}}""";

    [Fact]
    public async Task Items_carry_lean_metadata_and_metadata_full_adds_what_describes_the_flag()
    {
        await using var host = await OfrepHost.StartAsync();
        var checkout = await host.Flags.GetFlagAsync("shop", "new-checkout");
        await host.Flags.UpdateFlagAsync(new FlagUpdate
        {
            ProjectKey = "shop",
            Key = "new-checkout",
            ExpectedVersion = checkout.Flag.Version,
            Name = checkout.Flag.Name,
            Variants = checkout.Flag.Variants,
            Owner = "team-checkout",
            Tags = ["checkout"],
        }, OfrepHost.Admin);

        var lean = await ItemAsync(host, "");
        var full = await ItemAsync(host, "?metadata=full");
        var explicitLean = await ItemAsync(host, "?metadata=lean&flagConfigEtag=abc");

        Assert.Equal(["flagVersion", "stateVersion"], Names(lean.GetProperty("metadata")));
        Assert.Equal(["environment", "flagVersion", "name", "owner", "project", "stateVersion", "tags"], Names(full.GetProperty("metadata")));
        Assert.Equal("team-checkout", full.GetProperty("metadata").GetProperty("owner").GetString());
        Assert.Equal(lean.GetRawText(), explicitLean.GetRawText());
        foreach (var name in (string[])["key", "value", "reason", "variant"])
        {
            Assert.Equal(lean.GetProperty(name).GetRawText(), full.GetProperty(name).GetRawText());
        }
        var single = await host.PostAsync(Bulk + "/new-checkout?metadata=full", Alice, host.Production.Secret);
        Assert.Equal(full.GetRawText(), (await JsonAsync(single)).GetRawText());
    }

    [Theory]
    [InlineData("?metadata=everything")]
    [InlineData("?metadata=full&metadata=lean")]
    [InlineData("?metadata=")]
    public async Task An_unknown_metadata_option_is_a_parse_error_that_says_what_is_allowed(string query)
    {
        await using var host = await OfrepHost.StartAsync();

        foreach (var path in (string[])[Bulk, Bulk + "/new-checkout"])
        {
            var response = await host.PostAsync(path + query, Alice, host.Production.Secret);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = await JsonAsync(response);
            Assert.Equal("PARSE_ERROR", error.GetProperty("errorCode").GetString());
            Assert.Contains("'full'", error.GetProperty("errorDetails").GetString());
        }
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip;q=1, br;q=0.5", "gzip")]
    [InlineData("br;q=0, *", "gzip")]
    [InlineData("deflate", null)]
    [InlineData("*;q=0", null)]
    public async Task Bulk_answers_are_compressed_as_the_request_accepts_and_say_they_vary_by_it(string acceptEncoding, string? expected)
    {
        await using var host = await OfrepHost.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            await host.Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = $"flag-{i}", Name = $"Flag {i}" }, OfrepHost.Admin);
        }
        var plain = await host.PostAsync(Bulk, Alice, host.Production.Secret);

        var response = await host.PostAsync(Bulk, Alice, host.Production.Secret, r => r.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected is null ? [] : [expected], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var decoded = expected switch
        {
            "gzip" => Decompress(bytes, s => new GZipStream(s, CompressionMode.Decompress)),
            "br" => Decompress(bytes, s => new BrotliStream(s, CompressionMode.Decompress)),
            _ => bytes,
        };
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        Assert.Equal(plainBytes, decoded);
        if (expected is not null)
        {
            Assert.True(bytes.Length < plainBytes.Length / 4, $"{bytes.Length} compressed bytes for {plainBytes.Length}");
            Assert.NotEqual(plain.Headers.ETag, response.Headers.ETag);
        }
    }

    [Fact]
    public async Task An_etag_is_confirmed_only_for_the_coding_and_metadata_it_was_given_with()
    {
        await using var host = await OfrepHost.StartAsync();
        static Action<HttpRequestMessage> Ask(string? encoding, string etag) => r =>
        {
            if (encoding is not null)
            {
                r.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
            }
            r.Headers.TryAddWithoutValidation("If-None-Match", etag);
        };
        var gzip = await host.PostAsync(Bulk, Alice, host.Production.Secret, r => r.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip"));
        var etag = gzip.Headers.ETag!.Tag;

        var sameCoding = await host.PostAsync(Bulk, Alice, host.Production.Secret, Ask("gzip", etag));
        var identity = await host.PostAsync(Bulk, Alice, host.Production.Secret, Ask(null, etag));
        var brotli = await host.PostAsync(Bulk, Alice, host.Production.Secret, Ask("br", etag));
        var full = await host.PostAsync(Bulk + "?metadata=full", Alice, host.Production.Secret, Ask("gzip", etag));

        Assert.Equal(HttpStatusCode.NotModified, sameCoding.StatusCode);
        Assert.Equal(etag, sameCoding.Headers.ETag!.Tag);
        Assert.Contains("Accept-Encoding", sameCoding.Headers.Vary);
        Assert.Empty(await sameCoding.Content.ReadAsByteArrayAsync());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { identity, brotli, full }.Select(r => r.StatusCode));
        Assert.Equal(4, new[] { identity, brotli, full }.Select(r => r.Headers.ETag!.Tag).Append(etag).Distinct().Count());
    }

    [Fact]
    public async Task A_wildcard_if_none_match_confirms_a_valid_request_and_never_a_malformed_one()
    {
        await using var host = await OfrepHost.StartAsync();
        static Action<HttpRequestMessage> Any() => r => r.Headers.TryAddWithoutValidation("If-None-Match", "*");

        var valid = await host.PostAsync(Bulk, Alice, host.Production.Secret, Any());
        var malformed = await host.PostAsync(Bulk, """{"context":{"targetingKey":42}}""", host.Production.Secret, Any());

        Assert.Equal(HttpStatusCode.NotModified, valid.StatusCode);
        Assert.NotNull(valid.Headers.ETag);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Null(malformed.Headers.ETag);
    }

    [Fact]
    public async Task Bulk_and_single_serve_the_same_item_for_every_flag()
    {
        await using var host = await OfrepHost.StartAsync();
        var state = (await host.Flags.GetFlagAsync("shop", "banner-colour")).StateIn("production")!;
        await host.Flags.SetRolloutAsync("shop", "banner-colour", "production", 5_000, state.Version, OfrepHost.Admin);
        state = (await host.Flags.GetFlagAsync("shop", "banner-colour")).StateIn("production")!;
        await host.Flags.SetEnabledAsync("shop", "banner-colour", "production", true, state.Version, OfrepHost.Admin);

        foreach (var context in (string[])[Alice, """{"context":{"targetingKey":"bob"}}""", "{}"])
        {
            var bulk = await JsonAsync(await host.PostAsync(Bulk, context, host.Production.Secret));
            foreach (var item in bulk.GetProperty("flags").EnumerateArray())
            {
                var single = await host.PostAsync($"{Bulk}/{item.GetProperty("key").GetString()}", context, host.Production.Secret);
                Assert.Equal(item.GetRawText(), await single.Content.ReadAsStringAsync());
            }
        }
    }

    private static async Task<JsonElement> ItemAsync(OfrepHost host, string query)
    {
        var bulk = await JsonAsync(await host.PostAsync(Bulk + query, Alice, host.Production.Secret));
        return bulk.GetProperty("flags").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "new-checkout");
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    private static byte[] Decompress(byte[] bytes, Func<Stream, Stream> decoder)
    {
        using var output = new MemoryStream();
        using (var stream = decoder(new MemoryStream(bytes)))
        {
            stream.CopyTo(output);
        }
        return output.ToArray();
    }
}
