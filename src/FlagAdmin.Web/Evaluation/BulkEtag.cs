using System.Buffers;
using System.Buffers.Binary;
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
    private const int StackLimit = 512;

    public static string For(EnvironmentSnapshot snapshot, ReadOnlySpan<byte> contextBody, MetadataDetail metadata, ContentCoding coding)
    {
        // One buffer, hashed in one call: "project/environment/", the fingerprint, the representation, the context.
        var keys = Encoding.UTF8.GetMaxByteCount(snapshot.ProjectKey.Length + snapshot.EnvironmentKey.Length + 2);
        var size = keys + sizeof(ulong) + 2 + contextBody.Length;
        var rented = size > StackLimit ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
            var buffer = rented ?? stackalloc byte[StackLimit];
            var length = Encoding.UTF8.GetBytes(snapshot.ProjectKey, buffer);
            buffer[length++] = (byte)'/';
            length += Encoding.UTF8.GetBytes(snapshot.EnvironmentKey, buffer[length..]);
            buffer[length++] = (byte)'/';
            BinaryPrimitives.WriteUInt64LittleEndian(buffer[length..], snapshot.Fingerprint);
            length += sizeof(ulong);
            buffer[length++] = (byte)metadata;
            buffer[length++] = (byte)coding;
            contextBody.CopyTo(buffer[length..]);
            length += contextBody.Length;
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..length], digest);
            return $"\"{Convert.ToHexStringLower(digest[..16])}\"";
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>True when an If-None-Match header lists <paramref name="etag"/>, weak or strong.</summary>
    public static bool IsListed(string? ifNoneMatch, string etag) => Any(ifNoneMatch, candidate => candidate == etag);

    /// <summary>True when an If-None-Match header is <c>*</c>: any current answer will do.</summary>
    public static bool IsWildcard(string? ifNoneMatch) => Any(ifNoneMatch, candidate => candidate == "*");

    private static bool Any(string? ifNoneMatch, Func<string, bool> test)
    {
        if (string.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }
        foreach (var part in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (test(part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part))
            {
                return true;
            }
        }
        return false;
    }
}
