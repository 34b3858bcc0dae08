using System.IO.Compression;
using Microsoft.Net.Http.Headers;

namespace FlagAdmin.Web.Evaluation;

internal enum ContentCoding : byte
{
    Identity,
    Gzip,
    Brotli,
}

/// <summary>
/// Content coding of bulk answers: brotli or gzip when the request's Accept-Encoding allows it (the higher q
/// wins, brotli on a tie), otherwise none. The levels are the fast ones: an answer is compressed per request,
/// since it depends on the caller's context (CPU cost in docs/PERFORMANCE.md).
/// </summary>
internal static class ResponseEncoding
{
    public const int BrotliQuality = 1;
    public const int GzipLevel = 1;

    public static ContentCoding Choose(HttpRequest request)
    {
        var header = request.Headers.AcceptEncoding;
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var codings))
        {
            return ContentCoding.Identity;
        }
        var (best, bestQuality) = (ContentCoding.Identity, 0.0);
        foreach (var candidate in (ReadOnlySpan<ContentCoding>)[ContentCoding.Brotli, ContentCoding.Gzip])
        {
            var quality = QualityOf(codings, candidate == ContentCoding.Brotli ? "br" : "gzip");
            if (quality > bestQuality)
            {
                (best, bestQuality) = (candidate, quality);
            }
        }
        return best;
    }

    /// <summary>Writes <paramref name="body"/> to the response in <paramref name="coding"/>, with Content-Encoding (Content-Length only when not compressed).</summary>
    public static async Task WriteAsync(HttpResponse response, ContentCoding coding, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (coding == ContentCoding.Identity)
        {
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, cancellationToken);
            return;
        }
        response.Headers.ContentEncoding = coding == ContentCoding.Brotli ? "br" : "gzip";
        await using var compressor = Compressor(response.Body, coding);
        await compressor.WriteAsync(body, cancellationToken);
    }

    /// <summary>A stream compressing into <paramref name="output"/> (left open) with the coding's level.</summary>
    public static Stream Compressor(Stream output, ContentCoding coding) => coding == ContentCoding.Brotli
        ? new BrotliStream(output, new BrotliCompressionOptions { Quality = BrotliQuality }, leaveOpen: true)
        : new GZipStream(output, new ZLibCompressionOptions { CompressionLevel = GzipLevel }, leaveOpen: true);

    private static double QualityOf(IList<StringWithQualityHeaderValue> codings, string name)
    {
        double? named = null, wildcard = null;
        foreach (var coding in codings)
        {
            if (coding.Value.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                named = coding.Quality ?? 1;
            }
            else if (coding.Value.Equals("*", StringComparison.Ordinal))
            {
                wildcard = coding.Quality ?? 1;
            }
        }
        return named ?? wildcard ?? 0;
    }
}
