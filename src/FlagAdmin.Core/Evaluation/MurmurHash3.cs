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

    public static uint Hash32(ReadOnlySpan<byte> data, uint seed = 0)
    {
        var h = seed;
        var rest = data;
        while (rest.Length >= 4)
        {
            h ^= MixBlock(BinaryPrimitives.ReadUInt32LittleEndian(rest));
            h = BitOperations.RotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
            rest = rest[4..];
        }

        uint tail = 0;
        switch (rest.Length)
        {
            case 3:
                tail ^= (uint)rest[2] << 16;
                goto case 2;
            case 2:
                tail ^= (uint)rest[1] << 8;
                goto case 1;
            case 1:
                tail ^= rest[0];
                h ^= MixBlock(tail);
                break;
        }

        h ^= (uint)data.Length;
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
