using FlagAdmin.Core.Evaluation;
using static FlagAdmin.Core.Tests.Evaluation.EvaluationFixtures;

namespace FlagAdmin.Core.Tests.Evaluation;

public sealed class EnvironmentSnapshotTests
{
    private static CompiledFlag Flag(string key, int rollout = 10_000) => Compile(BooleanFlag(key), rollout: rollout);

    [Fact]
    public void A_snapshot_finds_its_flags_by_key_and_lists_them_in_key_order()
    {
        var snapshot = EnvironmentSnapshot.Create(Project, EnvironmentKey, [Flag("b"), Flag("a"), Flag("c-2"), Flag("c-10")], version: 5);
        Assert.Equal(4, snapshot.Count);
        Assert.Equal(5, snapshot.Version);
        Assert.Equal(["a", "b", "c-10", "c-2"], snapshot.Flags.Select(f => f.Key));
        Assert.True(snapshot.TryGetFlag("b", out var b));
        Assert.Equal("b", b.Key);
        Assert.Null(snapshot.Find("B"));
        Assert.False(snapshot.TryGetFlag("d", out _));
    }

    [Fact]
    public void With_returns_a_new_snapshot_and_leaves_the_old_one_as_it_was()
    {
        var before = EnvironmentSnapshot.Create(Project, EnvironmentKey, [Flag("a"), Flag("b")]);
        var changedA = Flag("a", rollout: 0);
        var after = before.With(changedA).With(Flag("c"));

        Assert.Equal(2, before.Count);
        Assert.Equal(10_000, before.Find("a")!.RolloutBasisPoints);
        Assert.Null(before.Find("c"));

        Assert.Equal(3, after.Count);
        Assert.Same(changedA, after.Find("a"));
        Assert.Same(before.Find("b"), after.Find("b"));
        Assert.Equal(before.Version + 2, after.Version);
    }

    [Fact]
    public void Without_removes_a_flag_and_is_a_no_op_for_an_unknown_key()
    {
        var before = EnvironmentSnapshot.Create(Project, EnvironmentKey, [Flag("a"), Flag("b")]);
        var after = before.Without("a");
        Assert.Equal(["b"], after.Flags.Select(f => f.Key));
        Assert.Equal(before.Version + 1, after.Version);
        Assert.NotNull(before.Find("a"));
        Assert.Same(after, after.Without("a"));
    }

    [Fact]
    public void Versions_rise_with_every_change()
    {
        var snapshot = EnvironmentSnapshot.Empty(Project, EnvironmentKey);
        var versions = new List<long> { snapshot.Version };
        for (var i = 0; i < 20; i++)
        {
            snapshot = i % 3 == 2 ? snapshot.Without($"f-{i - 1}") : snapshot.With(Flag($"f-{i}"));
            versions.Add(snapshot.Version);
        }
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public void The_fingerprint_depends_on_content_only_not_on_the_order_of_changes()
    {
        var a = Flag("a");
        var b = Flag("b");
        var created = EnvironmentSnapshot.Create(Project, EnvironmentKey, [a, b]);
        var built = EnvironmentSnapshot.Empty(Project, EnvironmentKey).With(Flag("b", rollout: 10)).With(Flag("a")).With(Flag("b"));
        Assert.Equal(created.Fingerprint, built.Fingerprint);
        Assert.NotEqual(created.Version, built.Version);

        var changed = created.With(Flag("a", rollout: 5_000));
        Assert.NotEqual(created.Fingerprint, changed.Fingerprint);
        Assert.Equal(created.Fingerprint, changed.With(Flag("a")).Fingerprint);
        Assert.NotEqual(created.Fingerprint, created.Without("a").Fingerprint);
        Assert.Equal(0ul, created.Without("a").Without("b").Fingerprint);
    }

    [Fact]
    public void Flags_of_another_environment_or_project_are_refused()
    {
        var snapshot = EnvironmentSnapshot.Empty(Project, "staging");
        Assert.Throws<ArgumentException>(() => snapshot.With(Flag("a")));
        Assert.Throws<ArgumentException>(() => EnvironmentSnapshot.Create("other", EnvironmentKey, [Flag("a")]));
        Assert.Throws<ArgumentException>(() => EnvironmentSnapshot.Create(Project, EnvironmentKey, [Flag("a"), Flag("a")]));
    }

    [Fact]
    public void Applying_one_change_allocates_about_as_little_at_a_hundred_thousand_flags_as_at_a_hundred()
    {
        // A rebuild would allocate in proportion to the flag count; a persistent tree only along one path.
        var flags = Enumerable.Range(0, 100_000).Select(i => Flag($"flag-{i:D6}")).ToArray();
        var small = EnvironmentSnapshot.Create(Project, EnvironmentKey, flags.Take(100));
        var large = EnvironmentSnapshot.Create(Project, EnvironmentKey, flags);
        var changed = Flag("flag-000050", rollout: 1);

        long AllocatedByOneChange(EnvironmentSnapshot snapshot)
        {
            snapshot.With(changed).Without("flag-000051");
            var before = GC.GetAllocatedBytesForCurrentThread();
            var after = snapshot.With(changed).Without("flag-000051");
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Same(changed, after.Find("flag-000050"));
            Assert.Equal(snapshot.Count - 1, after.Count);
            return allocated;
        }

        var atHundred = AllocatedByOneChange(small);
        var atHundredThousand = AllocatedByOneChange(large);
        Assert.InRange(atHundredThousand, 1, 3 * atHundred);
        Assert.InRange(atHundredThousand, 1, 16 * 1024);
    }
}
