using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.SystemStatus;
using Microsoft.AspNetCore.Components;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>The System page: what the store is and holds, for Admins; the service refuses anyone else.</summary>
public sealed class SystemPageTests : AdminUi
{
    private IRenderedComponent<Providers> Open() => Render(builder =>
    {
        builder.OpenComponent<SystemPage>(0);
        builder.CloseComponent();
    });

    private static Dictionary<string, string> Counts(IRenderedComponent<Providers> page) =>
        page.FindAll(".system-counts tbody tr").ToDictionary(row => row.QuerySelector("th")!.TextContent.Trim(), row => row.QuerySelector("td")!.GetAttribute("data-count")!);

    [Fact]
    public async Task An_admin_sees_the_store_kind_and_how_many_of_each_thing_it_holds()
    {
        await SignInAsync(Role.Admin, "admin@example.com");

        var page = Open();

        page.WaitForElement(".system-counts");
        Assert.Equal("Memory", page.Find(".store-kind").TextContent.Trim());
        Assert.Contains("No schema to migrate", page.Find(".store-migrations").TextContent);
        var counts = Counts(page);
        Assert.Equal(("1", "3", "1", "3", "2", "0", "0"), (counts["Projects"], counts["Environments"], counts["Flags"], counts["Flag states"], counts["Users"], counts["Access tokens"], counts["SDK keys"]));
        Assert.True(long.Parse(counts["Audit entries"]) >= 5, counts["Audit entries"]);
        Assert.Contains("Store:Memory:DataFile", page.Find(".system-no-sizes").TextContent);
        Assert.Contains("at most every 30 seconds", page.Find(".system-counted-at").TextContent);
    }

    [Theory]
    [InlineData(Role.Editor)]
    [InlineData(Role.Viewer)]
    public async Task Below_admin_the_service_refuses_the_statistics(Role role)
    {
        await SignInAsync(role, "someone@example.com");

        var refused = Assert.ThrowsAny<Exception>(() => Open());

        Assert.IsType<ForbiddenException>(refused.GetBaseException());
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(5L * 1024 * 1024 * 1024, "5.0 GiB")]
    public void Sizes_read_as_a_person_reads_them(long bytes, string shown) => Assert.Equal(shown, ByteSize.Format(bytes));
}
