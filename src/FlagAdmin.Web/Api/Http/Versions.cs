using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace FlagAdmin.Web.Api.Http;

/// <summary>
/// Versions on the wire: every versioned resource answers with <c>ETag: "&lt;version&gt;"</c> (a strong tag), and
/// every write to one names the version it started from in <c>If-Match</c>. No If-Match is 428; anything but a
/// single strong tag of this form is 400; a stale one becomes 412 through the version conflict.
/// </summary>
public static class Versions
{
    public static string ETagOf(uint version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void SetETag(HttpContext http, uint version) => http.Response.Headers.ETag = ETagOf(version);

    /// <summary>
    /// Marks an endpoint whose handler calls <see cref="RequireIfMatch"/>, so the OpenAPI document lists the
    /// required If-Match header and the 412 and 428 it can answer (<see cref="RequestHeadersInOpenApi"/>).
    /// </summary>
    public static RouteHandlerBuilder WithIfMatch(this RouteHandlerBuilder endpoint) => endpoint
        .WithMetadata(IfMatchRequired.Instance)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    public static uint RequireIfMatch(HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values.ToString()))
        {
            throw new ApiRequestException(StatusCodes.Status428PreconditionRequired, "If-Match is required.",
                "Send the ETag you read in an If-Match header, so a change made meanwhile by someone else is not overwritten.");
        }
        var value = values.ToString().Trim();
        if (value.Length > 2 && value[0] == '"' && value[^1] == '"'
            && uint.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }
        throw ApiRequestException.BadRequest(HeaderNames.IfMatch,
            $"If-Match must be exactly one ETag as this API sends it, e.g. \"42\" (got {value}); '*' and weak tags are not accepted.");
    }
}

/// <summary>Endpoint metadata: the endpoint refuses a write without If-Match (see <see cref="Versions.WithIfMatch"/>).</summary>
public sealed class IfMatchRequired
{
    public static readonly IfMatchRequired Instance = new();

    private IfMatchRequired()
    {
    }
}
