using System.Buffers;
using System.Text;

namespace FlagAdmin.Core.Evaluation;

/// <summary>
/// Maps a (flag key, targeting key) pair to one of 10,000 buckets (0.01 % steps):
/// <c>MurmurHash3_x86_32(utf8(flagKey) ‖ ':' ‖ utf8(targetingKey), seed 0) mod 10000</c>.
/// Flag keys are slugs and can never contain ':', so distinct pairs always hash distinct byte strings.
/// Hashing the flag key in means one user lands in unrelated buckets for different flags.
/// </summary>
public static class Bucketing
{
    public const int BucketCount = 10_000;
    public const byte Separator = (byte)':';

    // Keys whose worst-case UTF-8 size fits here are hashed from the stack; longer ones from a pooled array.
    private const int StackLimit = 256;

    public static int Bucket(ReadOnlySpan<char> flagKey, ReadOnlySpan<char> targetingKey)
    {
        // UTF-8 needs at most 3 bytes per UTF-16 char (a surrogate pair: 4 bytes for 2 chars; a lone surrogate: 3 for 1).
        var worstCase = 3L * (flagKey.Length + targetingKey.Length) + 1;
        if (worstCase <= StackLimit)
        {
            Span<byte> buffer = stackalloc byte[(int)worstCase];
            return Hash(flagKey, targetingKey, buffer);
        }

        var exact = Encoding.UTF8.GetByteCount(flagKey) + 1 + Encoding.UTF8.GetByteCount(targetingKey);
        var rented = ArrayPool<byte>.Shared.Rent(exact);
        try
        {
            return Hash(flagKey, targetingKey, rented);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The same bucket from a flag key hashed once (<see cref="FlagPrefix"/>) and a targeting key already in
    /// UTF-8: what evaluation uses, so a bulk evaluation encodes the targeting key once and hashes only its bytes per flag.
    /// </summary>
    public static int Bucket(in MurmurHash3.Prefix flagPrefix, ReadOnlySpan<byte> targetingKeyUtf8) =>
        (int)(MurmurHash3.Continue(flagPrefix, targetingKeyUtf8) % BucketCount);

    /// <summary>UTF-8(<paramref name="flagKey"/>) ‖ ':' hashed, ready for <see cref="Bucket(in MurmurHash3.Prefix, ReadOnlySpan{byte})"/>.</summary>
    public static MurmurHash3.Prefix FlagPrefix(string flagKey) => MurmurHash3.Begin(Encoding.UTF8.GetBytes(flagKey + (char)Separator));

    /// <summary>A key is in a rollout of <paramref name="basisPoints"/> when its bucket is below it, so raising the rollout never removes anyone.</summary>
    public static bool IsInRollout(int bucket, int basisPoints) => bucket < basisPoints;

    private static int Hash(ReadOnlySpan<char> flagKey, ReadOnlySpan<char> targetingKey, Span<byte> buffer)
    {
        var length = Encoding.UTF8.GetBytes(flagKey, buffer);
        buffer[length++] = Separator;
        length += Encoding.UTF8.GetBytes(targetingKey, buffer[length..]);
        return (int)(MurmurHash3.Hash32(buffer[..length]) % BucketCount);
    }
}
