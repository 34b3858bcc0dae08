using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace FlagAdmin.Web.Api.Http;

/// <summary>
/// Conditional GETs for every GET of the API that answers 200 with a JSON value. A versioned resource keeps the
/// strong <c>ETag: "&lt;version&gt;"</c> its handler set; any other answer (lists, pages, audit) gets a weak
/// <c>ETag: W/"r-…"</c>, a hash of the JSON it would send, so the tag changes exactly when the answer does
/// (filters and paging included). <c>If-None-Match</c> naming the current tag, or <c>*</c>, answers
/// <c>304 Not Modified</c> with that ETag and no body. A representation tag can never pass for a version: it is
/// weak (If-Match refuses weak tags) and its opaque part is never a plain number.
/// </summary>
public static class ConditionalGets
{
    public const string RepresentationPrefix = "r-";

    /// <summary>Adds the behaviour, and the 304 it can answer, to every GET endpoint of <paramref name="group"/>.</summary>
    public static RouteGroupBuilder WithConditionalGets(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<IHttpMethodMetadata>().Any(m => m.HttpMethods.Contains(HttpMethods.Get)))
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
                endpoint.FilterFactories.Add((_, next) => invocation => AnswerAsync(invocation, next));
            }
        });
        return group;
    }

    private static async ValueTask<object?> AnswerAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var condition = IfNoneMatch.From(http.Request);
        var result = await next(invocation);
        // Answers that pick their own content type and serializer (the export) pass through untouched.
        if (result is not (IValueHttpResult { Value: { } value } and IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK }) || result is IContentTypeHttpResult)
        {
            return result;
        }
        byte[]? body = null;
        var etag = http.Response.Headers.ETag.ToString();
        if (string.IsNullOrEmpty(etag))
        {
            body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), SerializerOptions(http));
            etag = RepresentationTag(body);
            http.Response.Headers.ETag = etag;
        }
        if (condition?.Matches(etag) == true)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return body is null ? result : TypedResults.Text(body, "application/json; charset=utf-8");
    }

    /// <summary>The weak tag of a JSON answer: the first 18 bytes of its SHA-256, base64url, after <see cref="RepresentationPrefix"/>.</summary>
    public static string RepresentationTag(ReadOnlySpan<byte> body)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, digest);
        return $"W/\"{RepresentationPrefix}{Convert.ToBase64String(digest[..18]).Replace('+', '-').Replace('/', '_')}\"";
    }

    // The same options the framework's Ok<T> writes with, so the hashed bytes are the bytes that are sent.
    private static JsonSerializerOptions SerializerOptions(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
}
