using System.Text.RegularExpressions;
using FlagAdmin.Core.Transfer;

namespace FlagAdmin.Web.Components.Pages.Transfer;

/// <summary>
/// One validation problem of an import, placed for a person: <c>flags[2].environments.production.rollout</c>
/// becomes “Flag checkout (3rd in the file) › environment production › rollout”, keeping the path for the file.
/// </summary>
public sealed partial record ImportProblem(string Place, string Path, string Message)
{
    public static IReadOnlyList<ImportProblem> From(IReadOnlyDictionary<string, string[]> errors, ProjectDocument document) =>
        errors.OrderBy(e => e.Key, StringComparer.Ordinal)
            .SelectMany(e => e.Value.Select(message => new ImportProblem(Describe(e.Key, document), e.Key, message)))
            .ToList();

    private static string Describe(string path, ProjectDocument document)
    {
        var match = Indexed().Match(path);
        if (match.Success)
        {
            var index = int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var rest = Rest(match.Groups["rest"].Value);
            var head = match.Groups["list"].Value == "flags"
                ? $"Flag {KeyAt(document.Flags.Select(f => f.Key).ToList(), index)} ({Ordinal(index + 1)} in the file)"
                : $"Environment {KeyAt(document.Environments.Select(e => e.Key).ToList(), index)} ({Ordinal(index + 1)} in the file)";
            return rest.Length == 0 ? head : head + " › " + rest;
        }
        if (path.StartsWith("project.", StringComparison.Ordinal))
        {
            return "Project › " + Rest(path["project.".Length..]);
        }
        return path is "" or "$" ? "The document" : Rest(path);
    }

    // "environments.production.rollout" → "environment production › rollout"
    private static string Rest(string rest) =>
        string.Join(" › ", rest.Split('.', StringSplitOptions.RemoveEmptyEntries)).Replace("environments › ", "environment ", StringComparison.Ordinal);

    private static string KeyAt(IReadOnlyList<string?> keys, int index) =>
        index < keys.Count && !string.IsNullOrWhiteSpace(keys[index]) ? $"“{keys[index]!.Trim()}”" : "without a key";

    private static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };

    [GeneratedRegex(@"^(?<list>flags|environments)\[(?<index>\d+)\]\.?(?<rest>.*)$")]
    private static partial Regex Indexed();
}
