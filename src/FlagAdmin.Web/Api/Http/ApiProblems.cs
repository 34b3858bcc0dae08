using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Transfer;
using FlagAdmin.Web.Api.Flags;
using FlagAdmin.Web.Api.Projects;
using FlagAdmin.Web.Api.States;
using FlagAdmin.Web.Api.Transfer;
using FlagAdmin.Web.Hosting;

namespace FlagAdmin.Web.Api.Http;

/// <summary>
/// The one place where what went wrong becomes an RFC 9457 problem: domain outcomes by their type, requests the
/// API cannot read by <see cref="ApiRequestException"/>. Field errors go in <c>errors</c> (property path →
/// sentences). A request that cannot be parsed (malformed JSON, wrong types, unknown properties, bad query
/// values) is 400; a parsed request whose values break a rule is 422 (RFC 9110 §15.5.21).
/// </summary>
public static class ApiProblems
{
    public static IResult For(Exception error, HttpContext http) => error switch
    {
        ImportPlanChangedException changed => Problem(StatusCodes.Status409Conflict, "The import would now make other changes than the dry run; nothing changed.",
            changed.Message, extra: new Dictionary<string, object?> { ["current"] = ImportReportDto.From(changed.Current) }),
        ImportNotAppliedException notApplied => Problem(
            notApplied.Cause is StoreException store ? StoreErrorStatus.For(store) : StatusCodes.Status409Conflict,
            "The import was not applied; nothing changed.", notApplied.Message),
        ApiRequestException request => Problem(request.Status, request.Title, request.Message, request.Errors),
        ValidationException validation => Problem(StatusCodes.Status422UnprocessableEntity, "The request has invalid values.", validation.Message, validation.Errors),
        NotFoundException notFound => Problem(StatusCodes.Status404NotFound, $"{notFound.What} not found.", notFound.Message),
        AlreadyExistsException exists => Problem(StatusCodes.Status409Conflict, $"{exists.What} already exists.", exists.Message),
        ForbiddenException forbidden => Problem(StatusCodes.Status403Forbidden, "Your role does not allow this.", forbidden.Message),
        VersionConflictException conflict => Conflict(conflict, http),
        StoreUnavailableException unavailable => Unavailable(http, unavailable),
        TransactionConflictException collided => Problem(StatusCodes.Status409Conflict, "The change collided with others made at the same moment.", collided.Message),
        StoreFailedException failed => Problem(StatusCodes.Status500InternalServerError, "The database refused the request.", failed.Message),
        BadHttpRequestException bad => Problem(bad.StatusCode, "The request is malformed.", bad.Message),
        _ => throw new InvalidOperationException("Not an expected outcome.", error),
    };

    /// <summary>A problem for a status the framework set without a body.</summary>
    public static IResult ForStatus(int status) => status switch
    {
        StatusCodes.Status404NotFound => Problem(status, "Not found.", "There is no such resource in this API; see /openapi/v1.json."),
        StatusCodes.Status405MethodNotAllowed => Problem(status, "Method not allowed.", "This resource does not take that method; see /openapi/v1.json."),
        StatusCodes.Status415UnsupportedMediaType => Problem(status, "The body must be JSON.", "Send the body as JSON with 'Content-Type: application/json'."),
        _ => TypedResults.Problem(statusCode: status),
    };

    public static bool IsExpected(Exception error) =>
        error is ApiRequestException or FlagAdminException or BadHttpRequestException;

    public static IResult Problem(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null, Dictionary<string, object?>? extra = null)
    {
        var extensions = extra ?? new Dictionary<string, object?>();
        if (errors is not null)
        {
            extensions["errors"] = errors;
        }
        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }

    // 412 with what is stored now, who changed it and its ETag, so the caller can merge and retry.
    private static IResult Conflict(VersionConflictException conflict, HttpContext http)
    {
        var current = CurrentOf(conflict.Current);
        if (VersionOf(conflict.Current) is { } version)
        {
            Versions.SetETag(http, version);
        }
        return TypedResults.Problem(conflict.Message, statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The resource was changed since you read it.",
            extensions: new Dictionary<string, object?>
            {
                ["current"] = current,
                ["changedBy"] = conflict.ChangedBy,
                ["changedAt"] = conflict.ChangedAt,
            });
    }

    /// <summary>
    /// 503 with <c>Retry-After</c>: the database cannot be reached (also while a token is being checked). A read says
    /// to try again; a write also says that nothing was saved, or, when the connection was lost during its commit, that
    /// it may have been.
    /// </summary>
    public static IResult Unavailable(HttpContext http, StoreUnavailableException? unavailable = null)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds;
        return Problem(StatusCodes.Status503ServiceUnavailable, "The database is unavailable.",
            unavailable is { MayHaveBeenSaved: true } ? unavailable.Message
            : HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? "FlagAdmin cannot reach its database right now. Try again shortly."
                : "The database is unavailable — your change was not saved. Try again shortly.");
    }

    /// <summary>What a 503 for an unreachable database asks clients to wait, in seconds.</summary>
    public const string RetryAfterSeconds = "5";

    private static object? CurrentOf(object? current) => current switch
    {
        Flag flag => FlagDto.From(flag),
        FlagState state => StateDto.From(state),
        Project project => ProjectDto.From(project),
        ProjectEnvironment environment => EnvironmentDto.From(environment),
        IReadOnlyList<ProjectEnvironment> environments => environments.Select(EnvironmentDto.From).ToList(),
        _ => null,
    };

    private static uint? VersionOf(object? current) => current switch
    {
        Flag flag => flag.Version,
        FlagState state => state.Version,
        Project project => project.Version,
        ProjectEnvironment environment => environment.Version,
        _ => null,
    };
}
