namespace FlagAdmin.Core.Errors;

/// <summary>
/// The store failed, not the request: it is unreachable, concurrent work kept colliding with this call, or the
/// database refused for a reason of its own. The message is a sentence to show as it is; the inner exception
/// keeps the driver's detail for the log.
/// </summary>
public abstract class StoreException(string message, Exception inner) : FlagAdminException(message, inner);

/// <summary>The store cannot be reached (or its disk refuses). Nothing was written, unless <see cref="MayHaveBeenSaved"/>.</summary>
public sealed class StoreUnavailableException(Exception inner, bool mayHaveBeenSaved = false)
    : StoreException(mayHaveBeenSaved
        ? "The database connection was lost while your change was being committed, so it may or may not have been saved; reload to see which before trying again."
        : "The database is unavailable — your change was not saved.", inner)
{
    /// <summary>The connection was lost during the commit itself: the change may have been stored.</summary>
    public bool MayHaveBeenSaved { get; } = mayHaveBeenSaved;
}

/// <summary>
/// Concurrent transactions kept colliding with this one (a serialization failure or a deadlock) after the store had
/// tried it again a few times. Nothing was written; sending the same change again usually succeeds.
/// </summary>
public sealed class TransactionConflictException(Exception inner)
    : StoreException("Your change collided with other changes made at the same moment and was not saved; send it again.", inner);

/// <summary>
/// The database refused the call for a reason that is neither the input nor an outage (a schema that does not match
/// this version, a trigger, a constraint a bug broke). Nothing was written; <see cref="Code"/> is the database's
/// own error code, for the operator and the log.
/// </summary>
public sealed class StoreFailedException(string code, Exception inner)
    : StoreException($"The database refused the request (error {code}), so nothing was saved; the server log has the details.", inner)
{
    public string Code { get; } = code;
}
