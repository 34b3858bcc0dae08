namespace FlagAdmin.Core.Common;

/// <summary>
/// What text the stores keep. PostgreSQL holds no U+0000 in text or jsonb, so neither store may be handed one (both
/// must accept the same input); a name is one line, so it takes no control characters at all.
/// </summary>
public static class StoredText
{
    public static string? NameProblem(string? text, string what) =>
        text is not null && text.Any(char.IsControl) ? $"{what} may not contain control characters such as line breaks or tabs." : null;

    public static string? Problem(string? text, string what) =>
        text is not null && text.Contains('\0') ? $"{what} may not contain the NUL character (U+0000)." : null;
}
