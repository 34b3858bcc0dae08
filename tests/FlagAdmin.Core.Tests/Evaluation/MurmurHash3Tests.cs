using System.Buffers.Binary;
using System.Text;
using FlagAdmin.Core.Evaluation;

namespace FlagAdmin.Core.Tests.Evaluation;

/// <summary>
/// Published MurmurHash3_x86_32 test vectors. Every expected value here was also recomputed with an
/// independent implementation (the murmurhash3js npm package) before it was written down.
/// </summary>
public sealed class MurmurHash3Tests
{
    [Theory]
    [InlineData("", 0u, 0x00000000u)]
    [InlineData("", 1u, 0x514E28B7u)]
    [InlineData("", 0xFFFFFFFFu, 0x81F16F39u)]
    [InlineData("Hello, world!", 1234u, 0xFAF6CDB3u)]
    [InlineData("Hello, world!", 0x9747B28Cu, 0x24884CBAu)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0u, 0x2E4FF723u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x9747B28Cu, 0x2FA826CDu)]
    [InlineData("abc", 0u, 0xB3DD93FAu)]
    [InlineData("a", 0x9747B28Cu, 0x7FA09EA6u)]
    [InlineData("ab", 0x9747B28Cu, 0x74875592u)]
    [InlineData("abc", 0x9747B28Cu, 0xC84A62DDu)]
    [InlineData("abcd", 0x9747B28Cu, 0xF0478627u)]
    [InlineData("ππππππππ", 0x9747B28Cu, 0xD58063C1u)]
    public void Text_vectors_hash_to_their_published_values(string text, uint seed, uint expected)
    {
        Assert.Equal(expected, MurmurHash3.Hash32(Encoding.UTF8.GetBytes(text), seed));
    }

    [Theory]
    [InlineData("21", 0x72661CF4u)]
    [InlineData("2143", 0xA0F7B07Au)]
    [InlineData("214365", 0x7E4A8634u)]
    [InlineData("21436587", 0xF55B516Bu)]
    [InlineData("00", 0x514E28B7u)]
    [InlineData("0000", 0x30F4C306u)]
    [InlineData("000000", 0x85F0B427u)]
    [InlineData("00000000", 0x2362F9DEu)]
    public void Tails_of_one_to_three_bytes_and_a_whole_block_hash_to_their_published_values(string hex, uint expected)
    {
        Assert.Equal(expected, MurmurHash3.Hash32(Convert.FromHexString(hex), 0));
    }

    [Fact]
    public void Two_hundred_fifty_six_repeated_bytes_hash_to_their_published_value()
    {
        Assert.Equal(0x37405BDCu, MurmurHash3.Hash32(Encoding.ASCII.GetBytes(new string('a', 256)), 0x9747B28C));
    }

    [Fact]
    public void SMHasher_verification_value_matches()
    {
        // SMHasher's check: hash {}, {0}, {0,1}, ... {0..254} with seed 256 - length, hash the 256 results
        // (little-endian) with seed 0. MurmurHash3_x86_32's published verification value is 0xB0F57EE3.
        var key = new byte[256];
        var hashes = new byte[256 * 4];
        for (var i = 0; i < 256; i++)
        {
            key[i] = (byte)i;
            BinaryPrimitives.WriteUInt32LittleEndian(hashes.AsSpan(i * 4), MurmurHash3.Hash32(key.AsSpan(0, i), (uint)(256 - i)));
        }
        Assert.Equal(0xB0F57EE3u, MurmurHash3.Hash32(hashes, 0));
    }

    [Fact]
    public void Input_that_does_not_start_on_a_word_boundary_hashes_the_same()
    {
        var text = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");
        var shifted = new byte[text.Length + 3];
        text.CopyTo(shifted, 3);
        Assert.Equal(0x2E4FF723u, MurmurHash3.Hash32(shifted.AsSpan(3), 0));
    }

    [Fact]
    public void A_hash_continued_from_any_prefix_equals_the_hash_of_the_whole_input()
    {
        var random = new Random(42);
        for (var length = 0; length <= 40; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var seed = (uint)random.Next();
            // The SMHasher check above pins Hash32 to the published algorithm; this pins Begin/Continue to Hash32.
            var whole = MurmurHash3.Hash32(data, seed);
            for (var split = 0; split <= length; split++)
            {
                Assert.Equal(whole, MurmurHash3.Continue(MurmurHash3.Begin(data.AsSpan(0, split), seed), data.AsSpan(split)));
            }
        }
    }
}
