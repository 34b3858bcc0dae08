using FlagAdmin.Core.Errors;

namespace FlagAdmin.Web.Components.Shared;

/// <summary>
/// What the last attempt to save one form left to show: the service's messages per field (ValidationException keys,
/// e.g. "key", "name") and whether the database was unavailable. MudBlazor fields bind to it with
/// <c>Error="@_errors.Has("name")" ErrorText="@_errors["name"]"</c>; <see cref="FormProblems"/> shows the rest.
/// </summary>
public sealed class FormErrors
{
    /// <summary>The entry for a store failure other than an outage (its sentence), shown above the form.</summary>
    public const string Store = "store";

    private IReadOnlyDictionary<string, string[]> _fields = new Dictionary<string, string[]>();

    /// <summary>The messages of one field as one sentence, or null.</summary>
    public string? this[string field] => _fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public bool Has(string field) => _fields.ContainsKey(field);

    public IReadOnlyDictionary<string, string[]> Fields => _fields;

    /// <summary>The last save failed because the database was unavailable; what was typed is still in the form.</summary>
    public bool StoreWasUnavailable { get; private set; }

    public bool Any => _fields.Count > 0 || StoreWasUnavailable;

    public void Clear()
    {
        _fields = new Dictionary<string, string[]>();
        StoreWasUnavailable = false;
    }

    public void Set(IReadOnlyDictionary<string, string[]> fields)
    {
        Clear();
        _fields = fields;
    }

    public void Set(string field, string message) => Set(new Dictionary<string, string[]> { [field] = [message] });

    public void SetStoreUnavailable()
    {
        Clear();
        StoreWasUnavailable = true;
    }

    internal void Set(ValidationException e) => Set(e.Errors);
}
