using FlagAdmin.Core.Errors;

namespace FlagAdmin.Web.Components.Pages.Projects;

/// <summary>
/// What became of one change a form asked for, in words the page shows: field messages (next to their
/// fields), a conflict (someone changed it meanwhile), or a page-wide problem (the store failed: down, colliding, refusing).
/// Forbidden and not-found are left to the error pages.
/// </summary>
public sealed class ChangeOutcome
{
    public IReadOnlyDictionary<string, string> Fields { get; private init; } = new Dictionary<string, string>();
    public VersionConflictException? Conflict { get; private init; }
    public string? Problem { get; private init; }
    public string? Note { get; private init; }

    public bool Failed => Fields.Count > 0 || Conflict is not null || Problem is not null;

    public static ChangeOutcome Saved(string note) => new() { Note = note };

    public static ChangeOutcome Invalid(string field, string message) => new() { Fields = new Dictionary<string, string> { [field] = message } };

    /// <summary>Runs the write; an expected failure becomes the outcome, anything else (forbidden, not found, bugs) propagates.</summary>
    public static async Task<ChangeOutcome> RunAsync(Func<Task> write, string note)
    {
        try
        {
            await write();
            return Saved(note);
        }
        catch (ValidationException e)
        {
            return new() { Fields = e.Errors.ToDictionary(f => f.Key, f => string.Join(" ", f.Value)) };
        }
        catch (AlreadyExistsException e)
        {
            return Invalid("key", $"{e.What} key '{e.Key}' is already taken; choose another.");
        }
        catch (VersionConflictException e)
        {
            return new() { Conflict = e };
        }
        catch (StoreException e)
        {
            return new() { Problem = e.Message };
        }
    }

    public string? FieldProblem(string field) => Fields.TryGetValue(field, out var message) ? message : null;
}
