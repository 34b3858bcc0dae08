using System.Security.Cryptography;
using System.Text;
using FlagAdmin.Core.Evaluation;

namespace FlagAdmin.Web.Evaluation;

/// <summary>
/// The ETag of a bulk evaluation: a hash of the environment's content fingerprint, the request's context and
/// the representation asked for (metadata detail and content coding). Equal only when all of them are, so one
/// user's cached answer can never be confirmed to another, a gzip answer never validates a brotli one, and it
/// is equal across processes holding the same flags.
/// </summary>
internal static class BulkEtag
{
    public static string For(EnvironmentSnapshot snapshot, ReadOnlySpan<byte> contextBody, MetadataDetail metadata, ContentCoding coding)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{snapshot.ProjectKey}/{snapshot.EnvironmentKey}/"));
        Span<byte> fingerprint = stackalloc byte[sizeof(ulong) + 2];
        BitConverter.TryWriteBytes(fingerprint, snapshot.Fingerprint);
        fingerprint[^2] = (byte)metadata;
        fingerprint[^1] = (byte)coding;
        hash.AppendData(fingerprint);
        hash.AppendData(contextBody);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return $"\"{Convert.ToHexStringLower(digest[..16])}\"";
    }

    /// <summary>True when an If-None-Match header lists <paramref name="etag"/> (weak or strong) or is <c>*</c>.</summary>
    public static bool Matches(string? ifNoneMatch, string etag)
    {
        if (string.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }
        foreach (var part in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
            if (candidate == "*" || candidate == etag)
            {
                return true;
            }
        }
        return false;
    }
}
