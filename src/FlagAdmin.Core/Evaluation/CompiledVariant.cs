using System.Text;
using System.Text.Json;

namespace FlagAdmin.Core.Evaluation;

/// <summary>A variant ready to serve: its key and JSON value as text and as UTF-8 bytes to write as they are.</summary>
public sealed class CompiledVariant
{
    private readonly byte[] _valueJsonUtf8;

    internal CompiledVariant(int index, string key, string valueJson)
    {
        Index = index;
        Key = key;
        EncodedKey = JsonEncodedText.Encode(key);
        ValueJson = valueJson;
        _valueJsonUtf8 = Encoding.UTF8.GetBytes(valueJson);
    }

    /// <summary>Position in the flag's variant list.</summary>
    public int Index { get; }

    public string Key { get; }

    /// <summary>The key escaped once for <see cref="Utf8JsonWriter"/>.</summary>
    public JsonEncodedText EncodedKey { get; }

    /// <summary>Compact JSON text of the value, e.g. <c>true</c>, <c>"blue"</c>, <c>{"limit":5}</c>.</summary>
    public string ValueJson { get; }

    /// <summary><see cref="ValueJson"/> as UTF-8, for <see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/>.</summary>
    public ReadOnlySpan<byte> ValueJsonUtf8 => _valueJsonUtf8;

    public override string ToString() => $"{Key} = {ValueJson}";
}
