using FlagAdmin.Core.Common;

namespace FlagAdmin.Core.Flags;

/// <summary>
/// Flags looked up by key: those that exist, in the order first asked for, and the keys asked for that name no flag
/// (in the same order). A key asked for twice is answered once.
/// </summary>
public sealed record FlagLookup(ValueList<FlagDetails> Found, ValueList<string> Missing)
{
    /// <summary>At most this many keys per look-up: a hundred keys of a usual length fit in one request line.</summary>
    public const int MaxKeys = 100;
}
