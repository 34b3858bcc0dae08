using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace FlagAdmin.Web.Api.Http;

/// <summary>
/// The <c>If-None-Match</c> of a GET (RFC 9110 §13.1.2): <c>*</c> or a comma-separated list of entity tags, weak
/// or strong, compared weakly (<c>W/"42"</c> matches <c>"42"</c>). A header that is not of that form is refused
/// with 400 naming the header, like a malformed If-Match, rather than silently ignored: a client that sends a
/// broken validator learns of it at once instead of never getting a 304.
/// </summary>
public sealed class IfNoneMatch
{
    private readonly IList<EntityTagHeaderValue> _tags;

    private IfNoneMatch(IList<EntityTagHeaderValue> tags) => _tags = tags;

    /// <summary>The request's condition, or null when it sends none.</summary>
    public static IfNoneMatch? From(HttpRequest request)
    {
        var values = request.Headers.IfNoneMatch;
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return null;
        }
        if (EntityTagHeaderValue.TryParseStrictList(values, out var tags) && tags.Count > 0)
        {
            return new IfNoneMatch(tags);
        }
        throw ApiRequestException.BadRequest(HeaderNames.IfNoneMatch,
            $"If-None-Match must be * or a comma-separated list of ETags as this API sends them, e.g. \"42\" or W/\"r-…\" (got {Shorten(values)}).");
    }

    /// <summary>True when the resource's current <paramref name="etag"/> is listed, or the condition is <c>*</c>.</summary>
    public bool Matches(string etag)
    {
        if (!EntityTagHeaderValue.TryParse(etag, out var current))
        {
            return false;
        }
        return _tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }

    private static string Shorten(StringValues values)
    {
        var text = values.ToString();
        return text.Length <= 100 ? text : text[..100] + "…";
    }
}
