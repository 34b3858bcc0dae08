using FlagAdmin.Core.Flags;

namespace FlagAdmin.Storage.Memory;

/// <summary>The sort orders of <see cref="FlagQuery"/>: the chosen field, then the key, both ordinal (as PostgreSQL's "C" collation).</summary>
internal static class FlagOrdering
{
    public static IComparer<FlagDetails> For(FlagSort sort) => Comparer<FlagDetails>.Create(sort switch
    {
        FlagSort.Name => (a, b) => Then(string.CompareOrdinal(a.Flag.Name, b.Flag.Name), a, b),
        FlagSort.CreatedAt => (a, b) => Then(a.Flag.CreatedAt.CompareTo(b.Flag.CreatedAt), a, b),
        FlagSort.UpdatedAt => (a, b) => Then(a.Flag.UpdatedAt.CompareTo(b.Flag.UpdatedAt), a, b),
        _ => (a, b) => string.CompareOrdinal(a.Flag.Key, b.Flag.Key),
    });

    private static int Then(int order, FlagDetails a, FlagDetails b) =>
        order != 0 ? order : string.CompareOrdinal(a.Flag.Key, b.Flag.Key);
}
