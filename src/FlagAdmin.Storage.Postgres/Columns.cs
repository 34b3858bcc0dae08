namespace FlagAdmin.Storage.Postgres;

internal static class Columns
{
    /// <summary>
    /// Byte-wise ordering for keys and names, so ORDER BY in PostgreSQL gives the same order as the
    /// memory store's ordinal comparison, whatever locale the database was created with.
    /// </summary>
    public const string OrdinalCollation = "C";

    /// <summary>Kept as text exactly as written: audit before/after and flag configs come back byte for byte.</summary>
    public const string Json = "json";

    /// <summary>Structured values the store reads back as objects (variants, rules); key order and spacing are not kept.</summary>
    public const string Jsonb = "jsonb";
}
