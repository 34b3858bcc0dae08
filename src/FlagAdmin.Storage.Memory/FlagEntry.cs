using FlagAdmin.Core.Flags;

namespace FlagAdmin.Storage.Memory;

/// <summary>
/// The stable holder of one flag: sort indexes keep the entry, writes swap the immutable
/// <see cref="Details"/> inside it, so a state change never touches the indexes.
/// </summary>
internal sealed class FlagEntry(FlagDetails details)
{
    private volatile FlagDetails _details = details;

    public FlagDetails Details
    {
        get => _details;
        set => _details = value;
    }
}
