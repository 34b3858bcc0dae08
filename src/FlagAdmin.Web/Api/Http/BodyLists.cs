namespace FlagAdmin.Web.Api.Http;

/// <summary>Lists in request bodies: the serializer lets a null item through (nullable annotations stop at the list), this does not.</summary>
public static class BodyLists
{
    /// <summary>The items of <paramref name="list"/> (none when it is absent); a null item is 400 naming its place.</summary>
    public static IEnumerable<T> Items<T>(IReadOnlyList<T>? list, string property) where T : class =>
        (list ?? []).Select((item, i) => item ?? throw ApiRequestException.BadRequest($"{property}[{i}]", "This property may not be null."));
}
