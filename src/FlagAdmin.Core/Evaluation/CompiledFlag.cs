using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Evaluation;

/// <summary>
/// A flag and its state in one environment, prepared once so that evaluation only compares and hashes:
/// variants resolved to <see cref="CompiledVariant"/>s, rule values parsed, metadata serialized and every result
/// it can give written as OFREP JSON (<see cref="Prepared"/>). Immutable; build a new one when the flag or its state changes.
/// </summary>
public sealed class CompiledFlag
{
    private static readonly string[] LeanMetadataNames = ["config", "flagVersion", "stateVersion"];

    private readonly byte[] _metadataJsonUtf8;
    private readonly byte[] _leanMetadataJsonUtf8;

    private CompiledFlag(Flag flag, FlagState state)
    {
        ProjectKey = flag.ProjectKey;
        EnvironmentKey = state.EnvironmentKey;
        Key = flag.Key;
        EncodedKey = JsonEncodedText.Encode(flag.Key);
        BucketPrefix = Bucketing.FlagPrefix(flag.Key);
        VariantType = flag.VariantType;
        IsArchived = flag.Archived;
        IsEnabled = state.Enabled;
        RolloutBasisPoints = state.RolloutBasisPoints;
        FlagVersion = flag.Version;
        StateVersion = state.Version;
        Variants = [.. flag.Variants.Select((v, i) => new CompiledVariant(i, v.Key, v.Value))];
        Metadata = BuildMetadata(flag, state);
        _metadataJsonUtf8 = SerializeMetadata(Metadata);
        _leanMetadataJsonUtf8 = SerializeMetadata(Metadata.Where(m => LeanMetadataNames.Contains(m.Key)));
        ContentHash = HashContent(flag, state);

        var problems = new List<string>();
        OnVariant = Resolve(state.OnVariant, "the on variant", problems);
        OffVariant = Resolve(state.OffVariant, "the off variant", problems);
        if (state.RolloutBasisPoints is < 0 or > FlagState.FullRollout)
        {
            problems.Add($"the rollout {state.RolloutBasisPoints} is outside 0–{FlagState.FullRollout} basis points");
        }
        Rules = [.. state.Rules.Select((rule, i) => CompileRule(rule, i + 1, problems))];
        ConfigurationProblem = problems.Count == 0 ? null : $"Flag '{Key}' cannot be evaluated: {string.Join("; ", problems)}.";
        Prepared = PreparedResults.Prepare(this);
    }

    /// <summary>
    /// Compiles <paramref name="flag"/> with its <paramref name="state"/> in one environment. A state that
    /// validation would have refused (an unknown variant, a split not adding up to 100 %) does not throw:
    /// the flag compiles with a <see cref="ConfigurationProblem"/> and evaluates to a GENERAL error, so one
    /// bad row cannot stop a whole environment from loading.
    /// </summary>
    public static CompiledFlag Compile(Flag flag, FlagState state)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(state);
        if (state.ProjectKey != flag.ProjectKey || state.FlagKey != flag.Key)
        {
            throw new ArgumentException($"The state of '{state.ProjectKey}/{state.FlagKey}' does not belong to flag '{flag.ProjectKey}/{flag.Key}'.", nameof(state));
        }
        return new CompiledFlag(flag, state);
    }

    public string ProjectKey { get; }
    public string EnvironmentKey { get; }
    public string Key { get; }

    /// <summary>The key escaped once for <see cref="Utf8JsonWriter"/>.</summary>
    public JsonEncodedText EncodedKey { get; }

    public VariantType VariantType { get; }

    /// <summary>Archived flags evaluate to FLAG_NOT_FOUND; a bulk evaluation should leave them out.</summary>
    public bool IsArchived { get; }

    public bool IsEnabled { get; }
    public int RolloutBasisPoints { get; }
    public uint FlagVersion { get; }
    public uint StateVersion { get; }

    /// <summary>The flag's variants in their defined order; <see cref="CompiledVariant.Index"/> is the position here.</summary>
    public ImmutableArray<CompiledVariant> Variants { get; }

    /// <summary>Served when enabled and the rollout includes the key (null only with a <see cref="ConfigurationProblem"/>).</summary>
    public CompiledVariant? OnVariant { get; }

    /// <summary>Served when disabled and to keys outside the rollout (null only with a <see cref="ConfigurationProblem"/>).</summary>
    public CompiledVariant? OffVariant { get; }

    public int RuleCount => Rules.Length;

    /// <summary>
    /// OFREP <c>metadata</c>: <c>project</c>, <c>environment</c>, <c>name</c>, <c>flagVersion</c>,
    /// <c>stateVersion</c>, and when set <c>owner</c>, <c>tags</c> (comma-separated) and <c>config</c>
    /// (the state's config JSON as a string). Values are strings or numbers only, as OFREP requires.
    /// </summary>
    public ImmutableSortedDictionary<string, object> Metadata { get; }

    /// <summary><see cref="Metadata"/> as a compact JSON object in UTF-8, ready for <see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/>.</summary>
    public ReadOnlySpan<byte> MetadataJsonUtf8 => _metadataJsonUtf8;

    /// <summary>The part of <see cref="Metadata"/> applications use (<see cref="MetadataDetail.Lean"/>), as <see cref="MetadataJsonUtf8"/> is for all of it.</summary>
    public ReadOnlySpan<byte> LeanMetadataJsonUtf8 => _leanMetadataJsonUtf8;

    /// <summary>Every result this flag can give, as OFREP items with lean metadata.</summary>
    public PreparedResults Prepared { get; }

    /// <summary>Why this flag cannot be evaluated, or null. Validation keeps this from happening.</summary>
    public string? ConfigurationProblem { get; }

    /// <summary>
    /// A 64-bit digest of everything the flag serves (definition and state). Equal content gives the same
    /// hash in every process, so sums of it (<see cref="EnvironmentSnapshot.Fingerprint"/>) make ETags
    /// that stay valid across instances and restarts.
    /// </summary>
    public ulong ContentHash { get; }

    internal ImmutableArray<CompiledRule> Rules { get; }

    /// <summary>The flag key's part of every bucket of this flag, hashed once.</summary>
    internal MurmurHash3.Prefix BucketPrefix { get; }

    public override string ToString() => $"{ProjectKey}/{EnvironmentKey}/{Key}";

    private CompiledVariant? Resolve(string key, string what, List<string> problems)
    {
        foreach (var variant in Variants)
        {
            if (variant.Key == key)
            {
                return variant;
            }
        }
        problems.Add($"{what} '{key}' is not one of its variants");
        return null;
    }

    private CompiledRule CompileRule(TargetingRule rule, int number, List<string> problems)
    {
        var conditions = rule.Conditions.Select(c => new CompiledCondition(c)).ToArray();
        if (rule.Variant is not null)
        {
            var variant = Resolve(rule.Variant, $"rule {number}'s variant", problems);
            return new CompiledRule(conditions, variant, []);
        }

        var split = new List<(int, CompiledVariant)>(rule.Split.Count);
        var total = 0L;
        foreach (var share in rule.Split)
        {
            if (share.Weight is < 0 or > FlagState.FullRollout)
            {
                problems.Add($"rule {number} has a split share of {share.Weight} basis points");
            }
            total += share.Weight;
            if (Resolve(share.Variant, $"rule {number}'s split variant", problems) is { } variant && share.Weight > 0)
            {
                split.Add(((int)Math.Clamp(total, 0, FlagState.FullRollout), variant));
            }
        }
        if (total != FlagState.FullRollout)
        {
            problems.Add($"rule {number}'s split adds up to {total} basis points instead of {FlagState.FullRollout}");
        }
        return new CompiledRule(conditions, null, [.. split]);
    }

    private static ImmutableSortedDictionary<string, object> BuildMetadata(Flag flag, FlagState state)
    {
        var metadata = ImmutableSortedDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        metadata["project"] = flag.ProjectKey;
        metadata["environment"] = state.EnvironmentKey;
        metadata["name"] = flag.Name;
        metadata["flagVersion"] = (double)flag.Version;
        metadata["stateVersion"] = (double)state.Version;
        if (!string.IsNullOrEmpty(flag.Owner))
        {
            metadata["owner"] = flag.Owner;
        }
        if (flag.Tags.Count > 0)
        {
            metadata["tags"] = string.Join(",", flag.Tags);
        }
        if (state.Config is not null)
        {
            metadata["config"] = state.Config;
        }
        return metadata.ToImmutable();
    }

    private static byte[] SerializeMetadata(IEnumerable<KeyValuePair<string, object>> metadata)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in metadata)
            {
                switch (value)
                {
                    case string text:
                        writer.WriteString(name, text);
                        break;
                    case double number:
                        writer.WriteNumber(name, number);
                        break;
                }
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static ulong HashContent(Flag flag, FlagState state)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            JsonSerializer.Serialize(writer, flag, FlagAdminJson.Options);
            JsonSerializer.Serialize(writer, state, FlagAdminJson.Options);
            writer.WriteEndArray();
        }
        var content = buffer.WrittenSpan;
        return (ulong)MurmurHash3.Hash32(content, 0x9747b28c) << 32 | MurmurHash3.Hash32(content, 0x5bd1e995);
    }
}
