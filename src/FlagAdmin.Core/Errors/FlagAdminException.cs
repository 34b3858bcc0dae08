namespace FlagAdmin.Core.Errors;

/// <summary>
/// An expected outcome the caller must handle (not found, already exists, invalid input, conflict,
/// store down). The UI and HTTP layers map each subclass to a page or status; nothing else is expected.
/// </summary>
public abstract class FlagAdminException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class NotFoundException(string what, string key)
    : FlagAdminException($"{what} '{key}' was not found.")
{
    public string What { get; } = what;
    public string Key { get; } = key;
}

public sealed class AlreadyExistsException(string what, string key, Exception? inner = null)
    : FlagAdminException($"{what} '{key}' already exists.", inner)
{
    public string What { get; } = what;
    public string Key { get; } = key;
}

/// <summary>The actor's role does not allow the change; nothing was written.</summary>
public sealed class ForbiddenException(string message) : FlagAdminException(message);
