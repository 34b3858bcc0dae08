using FlagAdmin.Core.Flags;

namespace FlagAdmin.Storage.Memory;

/// <summary>The sort orders of <see cref="FlagQuery"/>: the chosen field, then the key, both ordinal (as PostgreSQL's "C" collation).</summary>
internal static class FlagOrdering
{
    public static Comparison<FlagEntry> For(FlagSort sort) => sort switch
    {
        FlagSort.Name => (a, b) => Then(string.CompareOrdinal(a.Details.Flag.Name, b.Details.Flag.Name), a, b),
        FlagSort.CreatedAt => (a, b) => Then(a.Details.Flag.CreatedAt.CompareTo(b.Details.Flag.CreatedAt), a, b),
        FlagSort.UpdatedAt => (a, b) => Then(a.Details.Flag.UpdatedAt.CompareTo(b.Details.Flag.UpdatedAt), a, b),
        _ => (a, b) => string.CompareOrdinal(a.Details.Flag.Key, b.Details.Flag.Key),
    };

    private static int Then(int order, FlagEntry a, FlagEntry b) =>
        order != 0 ? order : string.CompareOrdinal(a.Details.Flag.Key, b.Details.Flag.Key);
}
