using System.Text.Json;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Tests.Audit;

public sealed class AuditRecordsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static readonly FlagState Before = new()
    {
        ProjectKey = "shop",
        FlagKey = "button-color",
        EnvironmentKey = "production",
        Enabled = false,
        RolloutBasisPoints = 5_000,
        OnVariant = "blue",
        OffVariant = "green",
        Rules = [new TargetingRule { Variant = "blue", Conditions = [new Condition("plan", ConditionOperator.Equals, ["pro"])] }],
        Config = "{\"retries\":3}",
        UpdatedBy = "alice",
        UpdatedAt = At,
        Version = 4,
    };

    public static TheoryData<string, AuditAction> SingleAspectChanges => new()
    {
        { "toggle", AuditAction.FlagToggled },
        { "rollout", AuditAction.RolloutChanged },
        { "rules", AuditAction.TargetingChanged },
        { "rule condition value", AuditAction.TargetingChanged },
        { "on variant", AuditAction.VariantsServedChanged },
        { "off variant", AuditAction.VariantsServedChanged },
        { "both served variants", AuditAction.VariantsServedChanged },
        { "config", AuditAction.ConfigChanged },
        { "config removed", AuditAction.ConfigChanged },
    };

    private static FlagState Change(string aspect) => aspect switch
    {
        "toggle" => Before with { Enabled = true },
        "rollout" => Before with { RolloutBasisPoints = 7_500 },
        "rules" => Before with { Rules = [] },
        "rule condition value" => Before with
        {
            Rules = [new TargetingRule { Variant = "blue", Conditions = [new Condition("plan", ConditionOperator.Equals, ["team"])] }],
        },
        "on variant" => Before with { OnVariant = "red" },
        "off variant" => Before with { OffVariant = "red" },
        "both served variants" => Before with { OnVariant = "green", OffVariant = "blue" },
        "config" => Before with { Config = "{\"retries\":5}" },
        "config removed" => Before with { Config = null },
        _ => throw new ArgumentOutOfRangeException(nameof(aspect)),
    };

    [Theory]
    [MemberData(nameof(SingleAspectChanges))]
    public void A_change_of_one_aspect_is_named_after_that_aspect(string aspect, AuditAction expected)
    {
        var after = Change(aspect) with { UpdatedBy = "bob", UpdatedAt = At.AddMinutes(5), Version = 9 };

        Assert.Equal(expected, AuditRecords.ActionFor(Before, after));
    }

    [Fact]
    public void Rules_equal_by_value_are_not_a_targeting_change()
    {
        var copy = Before with
        {
            Rules = [new TargetingRule { Variant = "blue", Conditions = [new Condition("plan", ConditionOperator.Equals, new[] { "pro" }.ToValueList())] }],
            Enabled = true,
        };

        Assert.Equal(AuditAction.FlagToggled, AuditRecords.ActionFor(Before, copy));
    }

    [Theory]
    [InlineData(true, true, false, false, false)]
    [InlineData(false, true, true, false, false)]
    [InlineData(false, false, true, true, false)]
    [InlineData(false, false, false, true, true)]
    [InlineData(true, false, false, false, true)]
    [InlineData(true, true, true, true, true)]
    public void A_change_of_several_aspects_is_a_general_state_change(bool toggle, bool rollout, bool rules, bool variants, bool config)
    {
        var after = Before with
        {
            Enabled = toggle ? !Before.Enabled : Before.Enabled,
            RolloutBasisPoints = rollout ? 0 : Before.RolloutBasisPoints,
            Rules = rules ? [] : Before.Rules,
            OnVariant = variants ? "red" : Before.OnVariant,
            Config = config ? null : Before.Config,
        };

        Assert.Equal(AuditAction.FlagStateChanged, AuditRecords.ActionFor(Before, after));
    }

    [Fact]
    public void Audit_json_leaves_out_versions()
    {
        var project = new Project
        {
            Key = "shop",
            Name = "Shop",
            CreatedBy = "alice",
            CreatedAt = At,
            UpdatedBy = "alice",
            UpdatedAt = At,
            Version = 41,
        };
        var updated = project with { Name = "Web shop", Version = 42 };

        var entry = AuditRecords.Create(AuditAction.ProjectUpdated, new ChangeContext(" bob ", " rename "), At, "shop", null, null, project, updated);

        Assert.DoesNotContain("version", entry.Before!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("version", entry.After!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"version\":42", FlagAdminJson.Serialize(updated));
        Assert.Equal(updated with { Version = 0 }, JsonSerializer.Deserialize<Project>(entry.After!, FlagAdminJson.Options));
        Assert.Equal("bob", entry.Actor);
        Assert.Equal("rename", entry.Reason);
        Assert.Equal(AuditAction.ProjectUpdated, entry.Action);
    }

    [Fact]
    public void Audit_json_of_a_flag_state_leaves_out_its_version_but_keeps_its_content()
    {
        var entry = AuditRecords.Create(AuditAction.FlagToggled, new ChangeContext("bob"), At, "shop", "production", "button-color", Before, Before with { Enabled = true, Version = 5 });

        using var after = JsonDocument.Parse(entry.After!);
        Assert.False(after.RootElement.TryGetProperty("version", out _));
        Assert.True(after.RootElement.GetProperty("enabled").GetBoolean());
        Assert.Equal("{\"retries\":3}", after.RootElement.GetProperty("config").GetString());
        Assert.Equal("equals", after.RootElement.GetProperty("rules")[0].GetProperty("conditions")[0].GetProperty("operator").GetString());
    }

    [Fact]
    public void Created_and_deleted_objects_have_no_before_or_no_after()
    {
        var created = AuditRecords.Create<FlagState>(AuditAction.FlagCreated, new ChangeContext("bob"), At, "shop", null, "button-color", null, Before);
        var deleted = AuditRecords.Create<FlagState>(AuditAction.FlagDeleted, new ChangeContext("bob"), At, "shop", null, "button-color", Before, null);

        Assert.Null(created.Before);
        Assert.NotNull(created.After);
        Assert.NotNull(deleted.Before);
        Assert.Null(deleted.After);
        Assert.Null(created.Reason);
    }
}
