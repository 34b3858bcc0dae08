using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Transfer;

/// <summary>
/// An import passed validation but a write failed midway (a concurrent change, the store going away): the first
/// <see cref="Written"/> of <see cref="Total"/> changes are stored, each with its audit entry; importing the same
/// document again writes the rest.
/// </summary>
public sealed class ImportInterruptedException(int written, int total, FlagAdminException cause)
    : FlagAdminException($"The import stopped after {written} of {total} changes: {cause.Message} The changes made so far are kept and audited; import the same document again to finish.", cause)
{
    public int Written { get; } = written;
    public int Total { get; } = total;
    public FlagAdminException Cause { get; } = cause;
}
