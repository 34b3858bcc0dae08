using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Audit;

/// <summary>
/// Which audit entries of one project to read, newest first. Filters combine with AND; the time range
/// is inclusive of <see cref="From"/> and exclusive of <see cref="To"/>. Page with <see cref="BeforeId"/>:
/// pass the previous page's <see cref="AuditPage.NextBeforeId"/>.
/// </summary>
public sealed record AuditQuery
{
    public const int MaxLimit = 500;

    public required string ProjectKey { get; init; }
    public string? FlagKey { get; init; }
    public string? EnvironmentKey { get; init; }
    public string? Actor { get; init; }
    public AuditAction? Action { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public long? BeforeId { get; init; }
    public int Limit { get; init; } = 50;

    /// <summary>Throws <see cref="ValidationException"/> for a page size out of range or a time range that ends before it starts.</summary>
    public void ThrowIfInvalid()
    {
        var errors = new ValidationErrors();
        if (Limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"Page size must be between 1 and {MaxLimit}.");
        }
        if (From is { } from && To is { } to && from >= to)
        {
            errors.Add("to", "The end of the time range must come after its start.");
        }
        errors.ThrowIfAny();
    }
}

/// <summary>Entries newest first; <see cref="NextBeforeId"/> is null on the last page.</summary>
public sealed record AuditPage(ValueList<AuditEntry> Items, long? NextBeforeId);

/// <summary>Reads the audit trail. Entries are only ever written by the repository, with the change they describe.</summary>
public interface IAuditLog
{
    /// <summary>Entries matching the query, highest id first, at most <see cref="AuditQuery.Limit"/> of them.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
