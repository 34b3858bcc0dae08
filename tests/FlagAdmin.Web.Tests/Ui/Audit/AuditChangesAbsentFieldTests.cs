using FlagAdmin.Web.Components.Audit;

namespace FlagAdmin.Web.Tests.Ui.Audit;

/// <summary>Null values are left out of the stored JSON, so a field may be present on one side only.</summary>
public sealed class AuditChangesAbsentFieldTests
{
    [Fact]
    public void A_field_only_in_the_after_json_reads_as_none_to_its_value()
    {
        var changes = AuditChanges.Between("""{"name":"ci"}""", """{"name":"ci","revokedBy":"admin@example.com"}""");

        var field = Assert.Single(changes.Fields);
        Assert.Equal(("Revoked by", "none", "admin@example.com"), (field.Field, field.Before, field.After));
    }

    [Fact]
    public void A_field_only_in_the_before_json_reads_as_its_value_to_none()
    {
        var changes = AuditChanges.Between("""{"owner":"ada"}""", "{}");

        var field = Assert.Single(changes.Fields);
        Assert.Equal(("Owner", "ada", "none"), (field.Field, field.Before, field.After));
    }
}
