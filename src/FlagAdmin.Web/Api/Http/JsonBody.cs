using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace FlagAdmin.Web.Api.Http;

/// <summary>
/// A JSON request body read with <see cref="ApiJson.Options"/>. Unlike the framework's own body binding, every
/// way a body can be wrong becomes a problem the caller can act on: 415 for another content type, 413 past
/// <see cref="MaxBytes"/>, 400 naming the property for malformed JSON, wrong types, unknown or missing properties.
/// </summary>
public sealed class JsonBody<T>(T value) : IEndpointParameterMetadataProvider
    where T : class
{
    /// <summary>The largest body an ordinary endpoint takes; import has its own, larger limit.</summary>
    public const long MaxBytes = 256 * 1024;

    public T Value { get; } = value;

    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context) =>
        new(await ApiBodyReader.ReadAsync<T>(context.Request, MaxBytes, context.RequestAborted));

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T)));
}

public static class ApiBodyReader
{
    public static Task<T> ReadAsync<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken) where T : class =>
        ReadAsync<T>(request, maxBytes, ApiJson.Options, cancellationToken);

    public static async Task<T> ReadAsync<T>(HttpRequest request, long maxBytes, JsonSerializerOptions options, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new ApiRequestException(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON.",
                $"Send the body as JSON with 'Content-Type: application/json' (got '{request.ContentType ?? "no content type"}').");
        }
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        var bytes = await ReadLimitedAsync(request.Body, maxBytes, cancellationToken);
        if (bytes.Length == 0)
        {
            throw ApiRequestException.BadRequest("$", "The request needs a JSON body.");
        }
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, options)
                ?? throw ApiRequestException.BadRequest("$", "The body must be a JSON object, not null.");
        }
        catch (JsonException error)
        {
            throw Malformed(error);
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ApiRequestException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"This endpoint takes at most {maxBytes / 1024} KiB of JSON.");

    // System.Text.Json's messages name the .NET type; the caller needs the property and what is wrong with it.
    private static ApiRequestException Malformed(JsonException error)
    {
        var field = FieldOf(error.Path);
        var text = error.Message;
        var message =
            error.InnerException is JsonException ? "The body is not valid JSON" + Position(error) + "."
            : text.Contains("could not be mapped", StringComparison.Ordinal) ? "This property is not known here; check its spelling."
            : text.Contains("missing required properties", StringComparison.Ordinal) ? "The body lacks required properties: " + MissingProperties(text) + "."
            : text.Contains("null", StringComparison.OrdinalIgnoreCase) ? "This property may not be null."
            : text.Contains("could not be converted", StringComparison.Ordinal) ? "This value has the wrong type or is not one of the allowed values."
            : "The body is not valid JSON" + Position(error) + ".";
        return new ApiRequestException(StatusCodes.Status400BadRequest, "The request body is malformed.", $"{field}: {message}",
            new Dictionary<string, string[]> { [field] = [message] });
    }

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Position(JsonException error) =>
        error.LineNumber is { } line ? $" (line {line + 1}, position {error.BytePositionInLine + 1})" : "";

    private static string MissingProperties(string message)
    {
        var start = message.IndexOf(':', StringComparison.Ordinal);
        return start < 0 ? "see the API description" : message[(start + 1)..].Trim().TrimEnd('.');
    }
}
