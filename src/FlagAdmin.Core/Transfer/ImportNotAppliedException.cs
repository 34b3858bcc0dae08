using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Transfer;

/// <summary>
/// An import passed validation but a write failed while it was applied (a concurrent change, the store going
/// away): the whole import was rolled back, so nothing changed. Importing the document again (a dry run first
/// shows what that would do now) is safe.
/// </summary>
public sealed class ImportNotAppliedException(FlagAdminException cause)
    : FlagAdminException($"Nothing was imported: {cause.Message} The import is all or nothing, so no change of it was kept; import the document again.", cause)
{
    public FlagAdminException Cause { get; } = cause;
}
