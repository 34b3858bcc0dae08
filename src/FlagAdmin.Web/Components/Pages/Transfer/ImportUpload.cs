using System.Globalization;
using System.Text;
using System.Text.Json;
using FlagAdmin.Core.Transfer;
using FlagAdmin.Web.Api.Transfer;

namespace FlagAdmin.Web.Components.Pages.Transfer;

/// <summary>
/// The document an import form carries: the uploaded file (<see cref="FileField"/>) or, from the dry run's page,
/// the same text posted again (<see cref="TextField"/>), so the apply needs no second upload and no server-side
/// state. Either way it is read and checked again here; nothing the page showed is trusted.
/// </summary>
public sealed record ImportUpload(string Text, ProjectDocument Document)
{
    public const string FileField = "document";
    public const string TextField = "documentText";

    /// <summary>The document, or <paramref name="problem"/> in words for the file field.</summary>
    public static async Task<(ImportUpload? Upload, string? Problem)> ReadAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        byte[] bytes;
        if (form.Files.GetFile(FileField) is { } file)
        {
            if (file.Length > TransferEndpoints.MaxImportBytes)
            {
                return (null, $"The file is {Size(file.Length)}; an import takes at most {Size(TransferEndpoints.MaxImportBytes)}.");
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }
        else if (form.TryGetValue(TextField, out var text) && !string.IsNullOrEmpty(text.ToString()))
        {
            // A browser sends a field's line breaks as CRLF; in JSON they can only be whitespace, so LF gives back the file as it was.
            bytes = Encoding.UTF8.GetBytes(text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
            if (bytes.Length > TransferEndpoints.MaxImportBytes)
            {
                return (null, $"The document is {Size(bytes.Length)}; an import takes at most {Size(TransferEndpoints.MaxImportBytes)}.");
            }
        }
        else
        {
            return (null, "Choose the JSON file of a FlagAdmin export (“Download JSON” makes one).");
        }
        return Parse(bytes);
    }

    private static (ImportUpload?, string?) Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }
        if (bytes.IsEmpty)
        {
            return (null, "The file is empty. Choose the JSON file of a FlagAdmin export.");
        }
        try
        {
            return (new ImportUpload(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), TransferJson.Read(bytes)), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, "The file is not text (not UTF-8), so it is not a FlagAdmin export. Choose the .json file an export downloaded.");
        }
        catch (JsonException error)
        {
            return (null, Explain(error));
        }
    }

    // System.Text.Json names .NET types; a person needs the place in the file and what is wrong there.
    private static string Explain(JsonException error)
    {
        var message = error.Message;
        var place = string.IsNullOrEmpty(error.Path) || error.Path == "$" ? "the document" : error.Path.TrimStart('$', '.');
        if (error.InnerException is JsonException) // the reader's own error: not JSON at all
        {
            return $"The file is not valid JSON{Position(error)}. Choose the .json file an export downloaded.";
        }
        var what =
            message.Contains("could not be mapped", StringComparison.Ordinal) ? "has a property FlagAdmin does not know (a typo, or a newer format)"
            : message.Contains("missing required properties", StringComparison.Ordinal) ? "lacks required properties" + Missing(message)
            : message.Contains("null", StringComparison.OrdinalIgnoreCase) ? "may not be null"
            : message.Contains("could not be converted", StringComparison.Ordinal) ? "has a value of the wrong type, or not one of the allowed values"
            : "cannot be read";
        return $"The file is JSON but not a FlagAdmin export: {place} {what}{Position(error)}. Nothing was imported.";
    }

    private static string Position(JsonException error) =>
        error.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, position {error.BytePositionInLine + 1})") : "";

    private static string Missing(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? "" : ": " + message[(colon + 1)..].Trim().TrimEnd('.');
    }

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, bytes / 1024)} KB");
}
