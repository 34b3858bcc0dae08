using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Core.Tests.Flags;

public sealed class FlagValidatorTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static NewFlag BooleanFlag(string key = "new-checkout") => new()
    {
        ProjectKey = "shop",
        Key = key,
        Name = "New checkout",
    };

    private static NewFlag Multivariate(VariantType type, params Variant[] variants) => BooleanFlag() with
    {
        Kind = FlagKind.Multivariate,
        VariantType = type,
        Variants = [.. variants],
    };

    private static Flag StoredFlag(FlagKind kind = FlagKind.Multivariate) => new()
    {
        ProjectKey = "shop",
        Key = "button-color",
        Name = "Button color",
        Kind = kind,
        VariantType = kind == FlagKind.Boolean ? VariantType.Boolean : VariantType.String,
        Variants = kind == FlagKind.Boolean
            ? [Variant.On, Variant.Off]
            : [new Variant("blue", "\"blue\""), new Variant("green", "\"green\"")],
        CreatedBy = "alice",
        CreatedAt = At,
        UpdatedBy = "alice",
        UpdatedAt = At,
        Version = 3,
    };

    private static FlagUpdate UpdateOf(Flag flag) => new()
    {
        ProjectKey = flag.ProjectKey,
        Key = flag.Key,
        ExpectedVersion = flag.Version,
        Name = flag.Name,
        Variants = flag.Variants,
        Tags = flag.Tags,
    };

    private static FlagStateUpdate StateUpdate(Flag flag) => new()
    {
        ProjectKey = flag.ProjectKey,
        FlagKey = flag.Key,
        EnvironmentKey = "production",
        ExpectedVersion = 7,
        RolloutBasisPoints = FlagState.FullRollout,
        OnVariant = flag.Variants[0].Key,
        OffVariant = flag.Variants[^1].Key,
    };

    [Fact]
    public void A_valid_boolean_flag_is_accepted_with_trimmed_name_and_description()
    {
        var normalized = FlagValidator.Normalize(BooleanFlag() with { Name = "  New checkout ", Description = " Faster. \n" });

        Assert.Equal("New checkout", normalized.Name);
        Assert.Equal("Faster.", normalized.Description);
        Assert.Null(normalized.Owner);
    }

    [Fact]
    public void Key_with_a_space_and_capitals_is_rejected_with_the_slug_rule()
    {
        var error = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(BooleanFlag("Foo Bar")));

        var message = Assert.Single(error.Errors["key"]);
        Assert.Equal("Key 'Foo Bar' may only contain a-z, 0-9, '.', '_' and '-', and must start with a letter or digit.", message);
    }

    [Theory]
    [InlineData("-leading-dash")]
    [InlineData(".hidden")]
    [InlineData("ümlaut")]
    [InlineData("slash/key")]
    public void Key_breaking_the_slug_rule_is_rejected(string key)
    {
        var error = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(BooleanFlag(key)));

        Assert.Equal([$"Key '{key}' may only contain a-z, 0-9, '.', '_' and '-', and must start with a letter or digit."], error.Errors["key"]);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("checkout.v2_beta-1")]
    public void Key_following_the_slug_rule_is_accepted(string key)
    {
        Assert.Equal(key, FlagValidator.Normalize(BooleanFlag(key)).Key);
    }

    [Fact]
    public void Missing_and_overlong_keys_are_rejected_with_their_own_messages()
    {
        var missing = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(BooleanFlag("")));
        var overlong = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(BooleanFlag(new string('a', 129))));

        Assert.Equal(["Key is required."], missing.Errors["key"]);
        Assert.Equal(["Key may be at most 128 characters long."], overlong.Errors["key"]);
        Assert.Equal(new string('a', 128), FlagValidator.Normalize(BooleanFlag(new string('a', 128))).Key);
    }

    [Fact]
    public void Missing_name_and_overlong_description_are_rejected()
    {
        var error = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(
            BooleanFlag() with { Name = "   ", Description = new string('d', FlagValidator.MaxDescriptionLength + 1) }));

        Assert.Equal(["Name is required."], error.Errors["name"]);
        Assert.Equal(["Description may be at most 2000 characters long."], error.Errors["description"]);
    }

    [Fact]
    public void Several_problems_are_reported_together_keyed_by_field()
    {
        var flag = Multivariate(VariantType.Number, new Variant("one", "\"1\""), new Variant("one", "2")) with
        {
            Key = "Bad Key",
            Name = "",
            Tags = ["ok", "not ok"],
        };

        var error = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(flag));

        Assert.Equal(["key", "name", "tags", "variants"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["The value of variant 'one' must be a number such as 42 or 0.5.", "Variant key 'one' is used twice."],
            error.Errors["variants"]);
        Assert.Contains("Name is required.", error.Message);
        Assert.Contains("Key 'Bad Key' may only contain", error.Message);
    }

    [Theory]
    [InlineData(VariantType.Boolean, "\"yes\"", "true or false")]
    [InlineData(VariantType.String, "42", "a JSON string such as \"blue\"")]
    [InlineData(VariantType.Number, "\"42\"", "a number such as 42 or 0.5")]
    [InlineData(VariantType.Object, "[1, 2]", "a JSON object such as {\"limit\": 10}")]
    public void Variant_value_of_the_wrong_json_type_is_rejected(VariantType type, string value, string expected)
    {
        var error = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(Multivariate(type, new Variant("a", value))));

        Assert.Equal([$"The value of variant 'a' must be {expected}."], error.Errors["variants"]);
    }

    [Theory]
    [InlineData(VariantType.Boolean, "false")]
    [InlineData(VariantType.String, "\"red\"")]
    [InlineData(VariantType.Number, "-0.25")]
    [InlineData(VariantType.Object, "{}")]
    public void Variant_value_of_the_right_json_type_is_accepted(VariantType type, string value)
    {
        var normalized = FlagValidator.Normalize(Multivariate(type, new Variant("a", value)));

        Assert.Equal(value, Assert.Single(normalized.Variants).Value);
    }

    [Fact]
    public void Variant_value_that_is_not_json_is_rejected()
    {
        var error = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(Multivariate(VariantType.String, new Variant("a", "blue"))));

        var message = Assert.Single(error.Errors["variants"]);
        Assert.StartsWith("The value of variant 'a' is not valid JSON (", message);
        Assert.EndsWith(").", message);
    }

    [Fact]
    public void Duplicate_variant_keys_are_rejected_even_when_they_differ_only_in_surrounding_space()
    {
        var error = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(
            Multivariate(VariantType.String, new Variant("blue", "\"a\""), new Variant(" blue ", "\"b\""))));

        Assert.Equal(["Variant key 'blue' is used twice."], error.Errors["variants"]);
    }

    [Fact]
    public void Multivariate_flag_without_variants_is_rejected()
    {
        var error = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(Multivariate(VariantType.String)));

        Assert.Equal(["A multivariate flag needs at least one variant."], error.Errors["variants"]);
    }

    [Fact]
    public void Variant_values_are_stored_as_compact_json()
    {
        var normalized = FlagValidator.Normalize(Multivariate(
            VariantType.Object,
            new Variant(" small ", "{ \"limit\" : 10,\n  \"tiers\": [ 1, 2 ] }", "  Small plan "),
            new Variant("large", "{\"limit\":1000}", "   ")));

        Assert.Equal(
            [new Variant("small", "{\"limit\":10,\"tiers\":[1,2]}", "Small plan"), new Variant("large", "{\"limit\":1000}")],
            normalized.Variants);
    }

    [Fact]
    public void Too_many_tags_are_rejected()
    {
        var tags = Enumerable.Range(1, FlagValidator.MaxTags + 1).Select(i => $"tag-{i}").ToArray();

        var error = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(BooleanFlag() with { Tags = [.. tags] }));

        Assert.Equal(["A flag may have at most 20 tags."], error.Errors["tags"]);
    }

    [Fact]
    public void Twenty_distinct_tags_are_allowed_and_duplicates_do_not_count_twice()
    {
        var tags = Enumerable.Range(1, FlagValidator.MaxTags).Select(i => $"tag-{i}").Append("TAG-1").Append(" tag-2 ").ToArray();

        var normalized = FlagValidator.Normalize(BooleanFlag() with { Tags = [.. tags] });

        Assert.Equal(FlagValidator.MaxTags, normalized.Tags.Count);
    }

    [Fact]
    public void Tags_are_lower_cased_trimmed_deduplicated_and_sorted()
    {
        var normalized = FlagValidator.Normalize(BooleanFlag() with { Tags = ["  Payments ", "beta", "PAYMENTS", "", "   ", "alpha", "beta"] });

        Assert.Equal(["alpha", "beta", "payments"], normalized.Tags);
    }

    [Fact]
    public void Tag_that_is_not_a_slug_is_rejected_in_its_normalized_form()
    {
        var error = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(BooleanFlag() with { Tags = [" Team Payments "] }));

        Assert.Equal(["Tag 'team payments' may only contain a-z, 0-9, '.', '_' and '-' (at most 64 characters)."], error.Errors["tags"]);
    }

    [Fact]
    public void Boolean_flags_always_get_the_on_and_off_variants()
    {
        var normalized = FlagValidator.Normalize(BooleanFlag() with
        {
            VariantType = VariantType.String,
            Variants = [new Variant("yes", "\"yes\"")],
        });

        Assert.Equal(VariantType.Boolean, normalized.VariantType);
        Assert.Equal([new Variant("on", "true"), new Variant("off", "false")], normalized.Variants);
    }

    [Fact]
    public void Updating_a_boolean_flag_keeps_its_on_and_off_variants()
    {
        var flag = StoredFlag(FlagKind.Boolean);

        var normalized = FlagValidator.Normalize(UpdateOf(flag) with { Variants = [new Variant("maybe", "true")] }, flag);

        Assert.Equal([Variant.On, Variant.Off], normalized.Variants);
    }

    [Fact]
    public void Updating_a_multivariate_flag_checks_its_variants_against_the_stored_type()
    {
        var flag = StoredFlag();

        var error = Assert.Throws<ValidationException>(() =>
            FlagValidator.Normalize(UpdateOf(flag) with { Variants = [new Variant("blue", "7")] }, flag));

        Assert.Equal(["The value of variant 'blue' must be a JSON string such as \"blue\"."], error.Errors["variants"]);
    }

    [Fact]
    public void Update_normalizes_tags_owner_and_name()
    {
        var flag = StoredFlag();

        var normalized = FlagValidator.Normalize(UpdateOf(flag) with { Name = " Color ", Owner = "  ", Tags = ["B", "a", "b"] }, flag);

        Assert.Equal("Color", normalized.Name);
        Assert.Null(normalized.Owner);
        Assert.Equal(["a", "b"], normalized.Tags);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void Rollout_outside_0_to_100_percent_is_rejected_with_a_message(int basisPoints)
    {
        var flag = StoredFlag();

        var error = Assert.Throws<ValidationException>(() =>
            FlagValidator.Normalize(StateUpdate(flag) with { RolloutBasisPoints = basisPoints }, flag));

        Assert.Equal(["Rollout must be between 0 and 100 %."], error.Errors["rollout"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10_000)]
    public void Rollout_from_0_to_100_percent_is_accepted(int basisPoints)
    {
        var flag = StoredFlag();

        Assert.Equal(basisPoints, FlagValidator.Normalize(StateUpdate(flag) with { RolloutBasisPoints = basisPoints }, flag).RolloutBasisPoints);
    }

    [Fact]
    public void Served_variants_must_be_variants_of_the_flag()
    {
        var flag = StoredFlag();

        var error = Assert.Throws<ValidationException>(() =>
            FlagValidator.Normalize(StateUpdate(flag) with { OnVariant = "purple", OffVariant = "" }, flag));

        Assert.Equal(["The variant served when on must be one of the flag's variants (blue, green), not 'purple'."], error.Errors["onVariant"]);
        Assert.Equal(["The variant served when off is required."], error.Errors["offVariant"]);
    }

    [Fact]
    public void Config_is_stored_as_compact_json()
    {
        var flag = StoredFlag();

        var normalized = FlagValidator.Normalize(StateUpdate(flag) with { Config = "{\n  \"retries\": 3,\n  \"hosts\": [ \"a\", \"b\" ]\n}" }, flag);

        Assert.Equal("{\"retries\":3,\"hosts\":[\"a\",\"b\"]}", normalized.Config);
    }

    [Fact]
    public void Blank_config_is_stored_as_no_config()
    {
        var flag = StoredFlag();

        Assert.Null(FlagValidator.Normalize(StateUpdate(flag) with { Config = "  \n " }, flag).Config);
    }

    [Theory]
    [InlineData("{\"retries\": }")]
    [InlineData("[1, 2")]
    [InlineData("1 2")]
    [InlineData("nope")]
    public void Config_that_is_not_json_is_rejected(string config)
    {
        var flag = StoredFlag();

        var error = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(StateUpdate(flag) with { Config = config }, flag));

        var message = Assert.Single(error.Errors["config"]);
        Assert.StartsWith("The config value is not valid JSON (", message);
        Assert.EndsWith(").", message);
    }

    [Fact]
    public void Variants_still_served_in_an_environment_cannot_be_removed()
    {
        var flag = StoredFlag();
        var served = StateUpdate(flag).ToState("alice", At) with { OnVariant = "green", OffVariant = "blue" };

        var error = Assert.Throws<ValidationException>(() =>
            FlagValidator.EnsureVariantsServeStates([new Variant("blue", "\"blue\"")], [served]));

        Assert.Equal(["Variant 'green' is still served in environment 'production'; change that first."], error.Errors["variants"]);
        FlagValidator.EnsureVariantsServeStates(flag.Variants, [served]);
    }

    [Theory]
    [InlineData("new")]
    [InlineData("toggle")]
    [InlineData("count")]
    public void Key_reserved_by_the_admin_app_or_api_is_rejected(string key)
    {
        var error = Assert.Throws<ValidationException>(() => FlagValidator.Normalize(BooleanFlag(key)));

        Assert.Equal([$"Key '{key}' is reserved by the addresses of the admin app and API; choose another one."], error.Errors["key"]);
    }
}
