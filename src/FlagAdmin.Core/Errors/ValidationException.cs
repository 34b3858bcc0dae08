namespace FlagAdmin.Core.Errors;

/// <summary>Input was rejected before anything was written. Errors are keyed by field, each a sentence a person can act on.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : FlagAdminException(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public ValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }
}

/// <summary>Collects field errors and throws one <see cref="ValidationException"/> at the end.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string? message)
    {
        if (message is null)
        {
            return;
        }
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
