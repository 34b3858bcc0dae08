using System.Text.Json;
using System.Text.Json.Serialization;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Web.Api.Http;
using FlagAdmin.Web.Api.States;

namespace FlagAdmin.Web.Api.Flags;

/// <summary>A flag's project-wide definition. Its behaviour per environment is a resource of its own (<see cref="StateDto"/>).</summary>
public sealed record FlagDto(
    string Key, string Name, string Description,
    [property: JsonConverter(typeof(CamelCaseEnum<FlagKind>))] FlagKind Kind,
    [property: JsonConverter(typeof(CamelCaseEnum<VariantType>))] VariantType VariantType,
    IReadOnlyList<VariantDto> Variants, IReadOnlyList<string> Tags, string? Owner, bool Archived,
    string CreatedBy, DateTimeOffset CreatedAt, string UpdatedBy, DateTimeOffset UpdatedAt, uint Version)
{
    public static FlagDto From(Flag f) => new(
        f.Key, f.Name, f.Description, f.Kind, f.VariantType, f.Variants.Select(VariantDto.From).ToList(), f.Tags.ToList(),
        f.Owner, f.Archived, f.CreatedBy, f.CreatedAt, f.UpdatedBy, f.UpdatedAt, f.Version);
}

/// <summary>One value a flag can serve; <see cref="Value"/> is a JSON value of the flag's variant type.</summary>
public sealed record VariantDto(string Key, JsonElement Value, string? Description = null)
{
    public static VariantDto From(Variant v) => new(v.Key, JsonDocument.Parse(v.Value).RootElement.Clone(), v.Description);

    public Variant ToDomain() => new(Key ?? "", Value.ValueKind == JsonValueKind.Undefined ? "" : Value.GetRawText(), Description);

    public static ValueList<Variant> ToDomain(IReadOnlyList<VariantDto>? variants) =>
        variants is null ? default : new ValueList<Variant>(variants.Select(v => v.ToDomain()));
}

/// <summary>
/// A flag with its state in every environment of the project, as the flag list returns it. <see cref="ModifiedAt"/> is the
/// time of the last change to the flag or any of its states.
/// </summary>
public sealed record FlagWithStatesDto(FlagDto Flag, IReadOnlyList<StateDto> Environments, DateTimeOffset ModifiedAt)
{
    public static FlagWithStatesDto From(FlagDetails d) => new(FlagDto.From(d.Flag), d.States.Select(StateDto.From).ToList(), d.LastChange.At);
}

/// <summary>A page of the flag list; the last three properties appear only in the answers they belong to.</summary>
public sealed record FlagPageDto(IReadOnlyList<FlagWithStatesDto> Items, int TotalCount, int Offset, int Limit, bool HasMore)
{
    /// <summary>A look-up by <c>keys</c>: the keys asked for that name no flag, in the order asked.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Missing { get; init; }

    /// <summary>A list of changes (<c>modifiedSince</c>): once its last page is read, the <c>modifiedSince</c> of the next list.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? SyncedTo { get; init; }

    /// <summary>A list of changes with more pages: the <c>after</c> of the next page.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Next { get; init; }

    public static FlagPageDto From(FlagPage page) =>
        new(page.Items.Select(FlagWithStatesDto.From).ToList(), page.TotalCount, page.Offset, page.Limit, page.HasMore);
}

/// <summary>How many flags match the list's filters.</summary>
public sealed record FlagCountDto(int Count);

/// <summary>
/// A new flag. <c>kind</c> defaults to boolean (variants "on" = true and "off" = false, given ones are ignored);
/// a multivariate flag names its <c>variantType</c> and brings its variants.
/// </summary>
public sealed record CreateFlagRequest(
    string Key, string Name, string? Description = null,
    [property: JsonConverter(typeof(CamelCaseEnum<FlagKind>))] FlagKind Kind = FlagKind.Boolean,
    [property: JsonConverter(typeof(CamelCaseEnum<VariantType>))] VariantType VariantType = VariantType.Boolean,
    IReadOnlyList<VariantDto>? Variants = null, IReadOnlyList<string>? Tags = null, string? Owner = null, string? Reason = null) : IChangeRequest;

/// <summary>
/// A metadata edit (PATCH): every property left out stays as it is. An empty string clears the description or
/// the owner, an empty list clears the tags. Variants (multivariate flags only) are replaced as a whole.
/// </summary>
public sealed record UpdateFlagRequest(
    string? Name = null, string? Description = null, IReadOnlyList<VariantDto>? Variants = null,
    IReadOnlyList<string>? Tags = null, string? Owner = null, string? Reason = null) : IChangeRequest;
