using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Api;

public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(seed: false);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Every_mapped_api_endpoint_is_in_the_openapi_document_with_its_methods()
    {
        var response = await _api.Client.GetAsync("/openapi/v1.json");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var paths = (await response.JsonAsync()).GetProperty("paths");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mapped = _api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Path: e.RoutePattern.RawText!.TrimEnd('/'), Method: m.ToLowerInvariant())))
            .ToList();
        Assert.True(mapped.Count >= 20, $"only {mapped.Count} endpoints found");
        foreach (var (path, method) in mapped)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing from the document");
            Assert.True(item.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {path} is missing from the document");
        }
        var documented = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(m => (p.Name, m.Name))).Where(p => p.Item2 != "parameters");
        Assert.Equal(mapped.Count, documented.Count());
    }

    [Fact]
    public async Task The_document_describes_the_bearer_token_request_bodies_and_problem_responses()
    {
        var document = await (await _api.Client.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("personalAccessToken").GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("personalAccessToken", out _));
        var create = paths.GetProperty("/api/v1/projects/{project}/flags").GetProperty("post");
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(create.GetProperty("responses").GetProperty("403").GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.Equal(JsonValueKind.Object, paths.GetProperty("/api/v1/projects/{project}/flags/{flag}/environments/{environment}").GetProperty("patch").ValueKind);
    }

    [Fact]
    public async Task Every_write_body_but_the_import_document_offers_a_reason()
    {
        var document = await (await _api.Client.GetAsync("/openapi/v1.json")).JsonAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var bodies = document.GetProperty("paths").EnumerateObject()
            .Where(path => !path.Name.EndsWith("/import", StringComparison.Ordinal))
            .SelectMany(path => path.Value.EnumerateObject())
            .Where(operation => operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("requestBody", out _))
            .Select(operation => operation.Value.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!)
            .Select(reference => reference["#/components/schemas/".Length..])
            .ToList();

        Assert.True(bodies.Count >= 11, $"only {bodies.Count} write bodies found");
        foreach (var schema in bodies)
        {
            var properties = schemas.GetProperty(schema).GetProperty("properties");
            Assert.True(properties.TryGetProperty("reason", out var reason), $"{schema} has no reason");
            Assert.Contains("string", reason.GetProperty("type").ToString());
        }
    }

    [Fact]
    public async Task Every_write_lists_the_reason_header_and_every_read_and_head_the_if_none_match_header()
    {
        var paths = (await (await _api.Client.GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");
        var operations = paths.EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object).Select(o => (Path: path.Name, Method: o.Name, Operation: o.Value)))
            .ToList();

        Assert.True(operations.Count >= 20, $"only {operations.Count} operations found");
        foreach (var (path, method, operation) in operations)
        {
            var headers = operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()).ToList()
                : [];
            var expected = method is "get" or "head" ? ["If-None-Match"] : IfMatchWrites.ContainsKey($"{method} {path}") ? ["If-Match", "X-Change-Reason"] : new[] { "X-Change-Reason" };
            Assert.True(headers.SequenceEqual(expected), $"{method.ToUpperInvariant()} {path} lists the headers [{string.Join(", ", headers)}]");
        }
    }

    /// <summary>The writes that need If-Match, with a body they would otherwise take.</summary>
    private static readonly Dictionary<string, object?> IfMatchWrites = new()
    {
        ["patch /api/v1/projects/{project}/flags/{flag}"] = new { },
        ["post /api/v1/projects/{project}/flags/{flag}/archive"] = null,
        ["post /api/v1/projects/{project}/flags/{flag}/unarchive"] = null,
        ["delete /api/v1/projects/{project}/flags/{flag}"] = null,
        ["put /api/v1/projects/{project}"] = new { name = "Shop", requireReasonInProtectedEnvironments = false },
        ["put /api/v1/projects/{project}/environments/{environment}"] = new { name = "Staging", order = 1, @protected = false },
        ["put /api/v1/projects/{project}/flags/{flag}/environments/{environment}"] = new { enabled = true, rolloutPercent = 10, onVariant = "on", offVariant = "off" },
        ["patch /api/v1/projects/{project}/flags/{flag}/environments/{environment}"] = new { },
        ["patch /api/v1/users/{id}"] = new { },
    };

    [Fact]
    public async Task The_writes_documented_with_a_required_if_match_are_those_that_answer_428_without_it()
    {
        var paths = (await (await _api.Client.GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");
        var documented = paths.EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("parameters", out _))
                .Where(o => o.Value.GetProperty("parameters").EnumerateArray().Any(p => p.GetProperty("name").GetString() == "If-Match" && p.GetProperty("required").GetBoolean()))
                .Where(o => o.Value.GetProperty("responses").TryGetProperty("412", out _) && o.Value.GetProperty("responses").TryGetProperty("428", out _))
                .Select(o => $"{o.Name} {path.Name}"))
            .Order().ToList();
        await using var seeded = await ApiHost.StartAsync();

        Assert.Equal(IfMatchWrites.Keys.Order(), documented);
        foreach (var (write, body) in IfMatchWrites)
        {
            var method = new HttpMethod(write[..write.IndexOf(' ')].ToUpperInvariant());
            var path = write[(write.IndexOf(' ') + 1)..].Replace("{project}", "shop").Replace("{flag}", "new-checkout").Replace("{environment}", "staging").Replace("{id}", "someone");
            await (await seeded.SendAsync(method, path, body)).ProblemAsync(428);
        }
    }
}
