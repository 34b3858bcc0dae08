using System.Globalization;
using System.Text.Json;

namespace FlagAdmin.Web.Api.Http;

/// <summary>
/// Reads query parameters by hand so that a value of the wrong form ("limit=ten") is a 400 naming the parameter
/// and what it takes, not the framework's bare 400. Collects every problem, then <see cref="ThrowIfAny"/>.
/// </summary>
public sealed class QueryValues(IQueryCollection query)
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>True when the query string names the parameter, even with an empty value.</summary>
    public bool Has(string name) => query.ContainsKey(name);

    /// <summary>Records a problem with a parameter that parsed but cannot be used as given (e.g. with another one).</summary>
    public void Refuse(string name, string message) => Add(name, message);

    public string? Text(string name) => query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString().Trim() : null;

    public IReadOnlyList<string> List(string name) =>
        query.TryGetValue(name, out var values)
            ? values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList()
            : [];

    public int Int(string name, int fallback) => Parse(name, fallback, "a whole number",
        (string text, out int value) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value));

    public long? Long(string name) => Text(name) is null ? null : Parse<long>(name, 0, "a whole number",
        (string text, out long value) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value));

    public bool? Bool(string name) => Text(name) is null ? null : Parse(name, false, "true or false", bool.TryParse);

    public DateTimeOffset? Time(string name) => Text(name) is null ? null : Parse(name, default(DateTimeOffset), "a date and time like 2026-05-01T12:00:00Z",
        (string text, out DateTimeOffset value) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value));

    /// <summary>An enum given in camelCase as the API writes it ("updatedAt", "flagToggled").</summary>
    public T? Enum<T>(string name) where T : struct, System.Enum
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }
        foreach (var value in System.Enum.GetValues<T>())
        {
            if (string.Equals(JsonNamingPolicy.CamelCase.ConvertName(value.ToString()), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        Add(name, $"'{text}' is not one of: {string.Join(", ", System.Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName))}.");
        return null;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ApiRequestException(StatusCodes.Status400BadRequest, "The query string is malformed.",
                string.Join(" ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), _errors);
        }
    }

    private delegate bool TryParser<T>(string text, out T value);

    private T Parse<T>(string name, T fallback, string expected, TryParser<T> parse)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }
        if (parse(text, out var value))
        {
            return value;
        }
        Add(name, $"'{text}' is not {expected}.");
        return fallback;
    }

    private void Add(string name, string message) => _errors[name] = [message];
}
