using System.Text;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Flags;
using static FlagAdmin.Core.Tests.Evaluation.EvaluationFixtures;

namespace FlagAdmin.Core.Tests.Evaluation;

public sealed class BucketingTests
{
    private const int KeyCount = 100_000;
    private static readonly string[] Keys = RandomKeys(KeyCount, seed: 6);

    private static int Definition(string flagKey, string targetingKey) =>
        (int)(MurmurHash3.Hash32(Encoding.UTF8.GetBytes(flagKey + ":" + targetingKey)) % 10_000);

    [Theory]
    [InlineData("new-checkout", "user-42")]
    [InlineData("new-checkout", "")]
    [InlineData("a", "b")]
    [InlineData("checkout.v2_beta", "Zoë Ñúñez — 東京 🚀")]
    [InlineData("new-checkout", "\ud800 lone surrogate")]
    public void Bucket_is_murmur3_of_flag_key_colon_targeting_key_mod_ten_thousand(string flagKey, string targetingKey)
    {
        Assert.Equal(Definition(flagKey, targetingKey), Bucketing.Bucket(flagKey, targetingKey));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(85)]
    [InlineData(86)]
    [InlineData(300)]
    [InlineData(5_000)]
    public void Long_targeting_keys_hashed_from_a_pooled_buffer_follow_the_same_definition(int length)
    {
        var ascii = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)));
        var wide = string.Concat(Enumerable.Range(0, length).Select(i => i % 2 == 0 ? 'é' : '東'));
        Assert.Equal(Definition("flag", ascii), Bucketing.Bucket("flag", ascii));
        Assert.Equal(Definition("flag", wide), Bucketing.Bucket("flag", wide));
    }

    [Fact]
    public void The_same_keys_always_land_in_the_same_bucket()
    {
        var first = Keys.Take(1_000).Select(k => Bucketing.Bucket("new-checkout", k)).ToArray();
        var again = Keys.Take(1_000).Select(k => Bucketing.Bucket(new string("new-checkout"), new string(k))).ToArray();
        Assert.Equal(first, again);
        // Pinned values (computed with an independent MurmurHash3): a change to the hash, the separator or the modulus would move every user.
        Assert.Equal(Definition("new-checkout", "user-1"), Bucketing.Bucket("new-checkout", "user-1"));
        Assert.Equal([631, 789, 1406], new[] { "user-1", "user-2", "user-3" }.Select(k => Bucketing.Bucket("new-checkout", k)));
    }

    [Theory]
    [InlineData("new-checkout", 6)]
    [InlineData("search-ranking", 7)]
    public void Each_ten_percent_band_holds_ten_percent_of_random_keys_within_half_a_percent(string flagKey, int seed)
    {
        var counts = new int[10];
        foreach (var key in RandomKeys(KeyCount, seed))
        {
            var bucket = Bucketing.Bucket(flagKey, key);
            Assert.InRange(bucket, 0, 9_999);
            counts[bucket / 1_000]++;
        }
        foreach (var count in counts)
        {
            Assert.InRange(count, 9_500, 10_500);
        }
    }

    [Fact]
    public void Each_ten_percent_band_holds_ten_percent_of_sequential_user_ids_within_half_a_percent()
    {
        var counts = new int[10];
        for (var i = 0; i < KeyCount; i++)
        {
            counts[Bucketing.Bucket("new-checkout", $"user-{i}") / 1_000]++;
        }
        Assert.All(counts, count => Assert.InRange(count, 9_500, 10_500));
    }

    [Fact]
    public void Raising_a_rollout_keeps_every_key_that_was_in()
    {
        var flag = BooleanFlag();
        var keys = Keys.Take(5_000).ToArray();
        var random = new Random(11);
        int[] edges = [0, 1, 2, 999, 1_000, 2_500, 5_000, 9_998, 9_999, 10_000];
        var pairs = edges.SelectMany(p => edges.Where(q => q > p).Select(q => (p, q)))
            .Concat(Enumerable.Range(0, 40).Select(_ => random.Next(0, 10_000)).Select(p => (p, q: random.Next(p + 1, 10_001))));
        var checkedPairs = 0;
        foreach (var (p, q) in pairs)
        {
            var lower = Compile(flag, rollout: p);
            var higher = Compile(flag, rollout: q);
            var inAtP = 0;
            foreach (var key in keys)
            {
                var context = User(key);
                if (FlagEvaluator.Evaluate(lower, context).VariantKey == "on")
                {
                    inAtP++;
                    Assert.True(FlagEvaluator.Evaluate(higher, context).VariantKey == "on", $"'{key}' was in at {p} but not at {q} basis points");
                }
            }
            if (p >= 100)
            {
                Assert.True(inAtP > 0, $"nobody was in at {p} basis points, so the pair proves nothing");
            }
            checkedPairs++;
        }
        Assert.True(checkedPairs >= 80);
    }

    [Theory]
    [InlineData(2_500)]
    [InlineData(100)]
    [InlineData(9_950)]
    public void A_rollout_serves_its_share_of_keys_within_half_a_percent(int basisPoints)
    {
        var flag = Compile(BooleanFlag(), rollout: basisPoints);
        var on = Keys.Count(k => FlagEvaluator.Evaluate(flag, User(k)).VariantKey == "on");
        Assert.InRange(on, KeyCount * (basisPoints - 50) / 10_000, KeyCount * (basisPoints + 50) / 10_000);
    }

    [Fact]
    public void Two_flags_bucket_the_same_keys_independently()
    {
        var a = Keys.Select(k => (double)Bucketing.Bucket("new-checkout", k)).ToArray();
        var b = Keys.Select(k => (double)Bucketing.Bucket("search-ranking", k)).ToArray();
        Assert.InRange(Math.Abs(Pearson(a, b)), 0, 0.02);

        // Independence also means a 50 % rollout of each puts a quarter of keys in both.
        var inBoth = a.Zip(b).Count(pair => pair.First < 5_000 && pair.Second < 5_000);
        Assert.InRange(inBoth, KeyCount / 4 - 500, KeyCount / 4 + 500);
    }

    [Fact]
    public void Flag_keys_differing_in_one_character_still_bucket_independently()
    {
        var a = Keys.Select(k => (double)Bucketing.Bucket("flag-1", k)).ToArray();
        var b = Keys.Select(k => (double)Bucketing.Bucket("flag-2", k)).ToArray();
        Assert.InRange(Math.Abs(Pearson(a, b)), 0, 0.02);
    }

    [Fact]
    public void A_key_is_in_a_rollout_exactly_when_its_bucket_is_below_it()
    {
        Assert.True(Bucketing.IsInRollout(0, 1));
        Assert.False(Bucketing.IsInRollout(0, 0));
        Assert.True(Bucketing.IsInRollout(2_499, 2_500));
        Assert.False(Bucketing.IsInRollout(2_500, 2_500));
        Assert.True(Bucketing.IsInRollout(9_999, FlagState.FullRollout));
    }

    private static double Pearson(double[] x, double[] y)
    {
        var (meanX, meanY) = (x.Average(), y.Average());
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var (dx, dy) = (x[i] - meanX, y[i] - meanY);
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
