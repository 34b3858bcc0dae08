namespace FlagAdmin.Web.Api.Http;

/// <summary>
/// The optional reason for a change travels in the <c>X-Change-Reason</c> header (percent-encoded UTF-8, so any
/// language fits in a header) and ends up in the audit entry. A header, not a body field, so that writes without
/// a body (archive, delete, revoke) take one the same way.
/// </summary>
public static class ChangeReason
{
    public const string Header = "X-Change-Reason";
    public const int MaxLength = 500;

    public static string? From(HttpRequest request)
    {
        var raw = request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        string reason;
        try
        {
            reason = Uri.UnescapeDataString(raw).Trim();
        }
        catch (UriFormatException)
        {
            throw ApiRequestException.BadRequest(Header, "The reason is not valid percent-encoded UTF-8.");
        }
        if (reason.Length > MaxLength)
        {
            throw new ApiRequestException(StatusCodes.Status422UnprocessableEntity, "The reason is too long.",
                $"A reason may be at most {MaxLength} characters long.", new Dictionary<string, string[]> { ["reason"] = [$"A reason may be at most {MaxLength} characters long."] });
        }
        return reason;
    }
}
