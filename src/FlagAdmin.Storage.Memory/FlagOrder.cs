namespace FlagAdmin.Storage.Memory;

/// <summary>
/// A project's flags in one sort order, as of one <see cref="Generation"/> of its flag set: all of them, and
/// the active and the archived ones apart in the same order, so an unfiltered page is found by position.
/// </summary>
internal sealed record FlagOrder(long Generation, FlagEntry[] All, FlagEntry[] Active, FlagEntry[] Archived)
{
    /// <summary>The flags whose archived mark is <paramref name="archived"/>; all of them for null.</summary>
    public FlagEntry[] With(bool? archived) => archived switch
    {
        null => All,
        true => Archived,
        false => Active,
    };
}
