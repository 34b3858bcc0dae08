using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Transfer;

/// <summary>
/// An apply named the dry run it follows, and the import would now do something else (the target or the document
/// changed since): nothing was written. <see cref="Current"/> is the dry run as it stands now.
/// </summary>
public sealed class ImportPlanChangedException(ImportReport current)
    : FlagAdminException("The project changed since the dry run you reviewed, so the import would now make other changes; nothing was imported. Review what it would do now and apply again.")
{
    public ImportReport Current { get; } = current;
}
