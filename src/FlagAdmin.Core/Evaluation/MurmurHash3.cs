using System.Buffers.Binary;
using System.Numerics;

namespace FlagAdmin.Core.Evaluation;

/// <summary>
/// MurmurHash3, x86 32-bit variant (Austin Appleby's public-domain definition): 4-byte little-endian
/// blocks mixed into the state, a 1–3 byte tail, the length, then the 32-bit finalizer.
/// </summary>
public static class MurmurHash3
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    public static uint Hash32(ReadOnlySpan<byte> data, uint seed = 0) => Continue(new Prefix(seed, 0, 0), data);

    /// <summary>
    /// The state after hashing <paramref name="prefix"/>, for <see cref="Continue"/>: hashing a fixed prefix once
    /// and many different endings from it gives the same values as <see cref="Hash32"/> of the whole input.
    /// </summary>
    public static Prefix Begin(ReadOnlySpan<byte> prefix, uint seed = 0)
    {
        var h = seed;
        var blocks = prefix.Length & ~3;
        for (var i = 0; i < blocks; i += 4)
        {
            h = MixState(h, BinaryPrimitives.ReadUInt32LittleEndian(prefix[i..]));
        }
        uint pending = 0;
        for (var i = blocks; i < prefix.Length; i++)
        {
            pending |= (uint)prefix[i] << (8 * (i - blocks));
        }
        return new Prefix(h, pending, prefix.Length);
    }

    /// <summary>The hash of the prefix <paramref name="state"/> was begun with followed by <paramref name="rest"/>.</summary>
    public static uint Continue(in Prefix state, ReadOnlySpan<byte> rest)
    {
        var h = state.State;
        var pending = state.Pending;
        var pendingCount = state.Length & 3;
        var i = 0;
        if (pendingCount > 0)
        {
            while (pendingCount < 4 && i < rest.Length)
            {
                pending |= (uint)rest[i++] << (8 * pendingCount++);
            }
            if (pendingCount < 4)
            {
                return Finish(h, pending, pendingCount, state.Length + rest.Length);
            }
            h = MixState(h, pending);
        }
        var blocks = i + ((rest.Length - i) & ~3);
        for (; i < blocks; i += 4)
        {
            h = MixState(h, BinaryPrimitives.ReadUInt32LittleEndian(rest[i..]));
        }
        var tailCount = rest.Length - blocks;
        uint tail = 0;
        for (var shift = 0; i < rest.Length; i++, shift += 8)
        {
            tail |= (uint)rest[i] << shift;
        }
        return Finish(h, tail, tailCount, state.Length + rest.Length);
    }

    /// <summary>What <see cref="Begin"/> keeps: the state after the prefix's whole blocks, its last 0–3 bytes (little-endian) and its length.</summary>
    public readonly record struct Prefix(uint State, uint Pending, int Length);

    private static uint MixState(uint h, uint block)
    {
        h ^= MixBlock(block);
        h = BitOperations.RotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static uint Finish(uint h, uint tail, int tailCount, int length)
    {
        if (tailCount > 0)
        {
            h ^= MixBlock(tail);
        }
        h ^= (uint)length;
        return Finalize(h);
    }

    private static uint MixBlock(uint k)
    {
        k *= C1;
        k = BitOperations.RotateLeft(k, 15);
        return k * C2;
    }

    private static uint Finalize(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
