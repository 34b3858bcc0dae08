namespace FlagAdmin.Web.Api.Http;

/// <summary>
/// A request the API cannot take as sent (malformed JSON, wrong content type, too large, missing If-Match …):
/// answered with <see cref="Status"/> as problem details, field errors keyed like the body's properties.
/// </summary>
public sealed class ApiRequestException(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    public static ApiRequestException BadRequest(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "The request is malformed.", message, new Dictionary<string, string[]> { [field] = [message] });
}
