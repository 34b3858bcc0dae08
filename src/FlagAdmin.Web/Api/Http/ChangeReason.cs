namespace FlagAdmin.Web.Api.Http;

/// <summary>
/// The optional reason for a change, which ends up in the audit entry. It travels in the <c>X-Change-Reason</c>
/// header (percent-encoded UTF-8, so any language fits in a header), which every write takes, including those
/// without a body (archive, delete, revoke); a write with a JSON body may carry it as <c>reason</c> instead
/// (<see cref="IChangeRequest"/>). Both are trimmed and held to <see cref="MaxLength"/>; given both, they must
/// say the same.
/// </summary>
public static class ChangeReason
{
    public const string Header = "X-Change-Reason";
    public const string Property = "reason";
    public const int MaxLength = 500;

    /// <summary>The reason of a write without a body: the header's, or null.</summary>
    public static string? From(HttpRequest request) => Checked(FromHeader(request));

    /// <summary>The reason of a write with a body: the body's <c>reason</c> or the header, or null; 400 when they differ.</summary>
    public static string? From(HttpRequest request, IChangeRequest body)
    {
        var header = Checked(FromHeader(request));
        var inBody = Checked(string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim());
        if (header is not null && inBody is not null && !string.Equals(header, inBody, StringComparison.Ordinal))
        {
            const string message = $"The reason is given twice and differently, in the {Header} header and in the body's '{Property}'; send it once, or the same in both.";
            throw new ApiRequestException(StatusCodes.Status400BadRequest, "Two different reasons.", message,
                new Dictionary<string, string[]> { [Header] = [message], [Property] = [message] });
        }
        return inBody ?? header;
    }

    private static string? FromHeader(HttpRequest request)
    {
        var raw = request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        try
        {
            var reason = Uri.UnescapeDataString(raw).Trim();
            return reason.Length == 0 ? null : reason;
        }
        catch (UriFormatException)
        {
            throw ApiRequestException.BadRequest(Header, "The reason is not valid percent-encoded UTF-8.");
        }
    }

    private static string? Checked(string? reason)
    {
        if (reason?.Length > MaxLength)
        {
            var message = $"A reason may be at most {MaxLength} characters long.";
            throw new ApiRequestException(StatusCodes.Status422UnprocessableEntity, "The reason is too long.", message,
                new Dictionary<string, string[]> { [Property] = [message] });
        }
        return reason;
    }
}

/// <summary>A request body that may carry the reason for its change as <c>reason</c> (see <see cref="ChangeReason"/>).</summary>
public interface IChangeRequest
{
    /// <summary>Why the change is made, for the audit trail; at most <see cref="ChangeReason.MaxLength"/> characters.</summary>
    string? Reason { get; }
}
