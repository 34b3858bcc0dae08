using System.Net;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Hosting;
using FlagAdmin.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Auth;

public sealed class SetupTests
{
    [Fact]
    public async Task The_setup_page_creates_the_first_admin_once_and_then_closes() =>
        await SetupScenarios.SetupWorksOnceThenClosesAsync(AuthHost.Memory());

    [Fact]
    public async Task The_sign_in_page_points_to_setup_while_nobody_exists()
    {
        await using var factory = AuthHost.Memory();

        var page = await new Browser(factory).PageAsync("/signin");

        Assert.NotNull(page.QuerySelector("#main a[href='/setup']"));
    }

    [Fact]
    public async Task Setup_explains_bad_input_next_to_each_field_and_creates_nobody()
    {
        await using var factory = AuthHost.Memory();
        var browser = new Browser(factory);

        var response = await browser.SubmitAsync("/setup", "setup", new Dictionary<string, string>
        {
            ["Input.Email"] = "not-an-email",
            ["Input.Password"] = "short",
            ["Input.Confirm"] = "short",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Contains("is not an email address", page.QuerySelector(".field-email .mud-input-helper-text")!.TextContent);
        Assert.Contains("at least 12 characters", page.QuerySelector(".field-password .mud-input-helper-text")!.TextContent);
        Assert.Equal("", page.QuerySelector("#password")!.GetAttribute("value") ?? "");
        Assert.False(await factory.Services.GetRequiredService<UserService>().HasUsersAsync());
    }

    [Fact]
    public async Task Setup_asks_for_the_same_password_twice()
    {
        await using var factory = AuthHost.Memory();

        var response = await new Browser(factory).SubmitAsync("/setup", "setup", new Dictionary<string, string>
        {
            ["Input.Email"] = "first@example.com",
            ["Input.Password"] = "a long enough password",
            ["Input.Confirm"] = "a long enough passwork",
        });

        Assert.Contains("type the same password twice", (await HtmlPage.ParseAsync(response)).QuerySelector(".field-confirm .mud-input-helper-text")!.TextContent);
        Assert.False(await factory.Services.GetRequiredService<UserService>().HasUsersAsync());
    }

    [Fact]
    public async Task The_first_admin_comes_from_configuration_and_setup_stays_closed()
    {
        await using var factory = AuthHost.WithAdmin();

        Assert.Equal(HttpStatusCode.NotFound, (await new Browser(factory).GetAsync("/setup")).StatusCode);
        var browser = await new Browser(factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/users")).StatusCode);
    }

    [Fact]
    public async Task The_first_admin_may_come_from_the_FLAGADMIN_ADMIN_variables()
    {
        await using var factory = AuthHost.Memory(("FLAGADMIN_ADMIN_EMAIL", "ops@example.com"), ("FLAGADMIN_ADMIN_PASSWORD", "an operator's long password"));

        await new Browser(factory).SignedInAsync("ops@example.com", "an operator's long password");
    }

    [Fact]
    public async Task Configured_admin_settings_are_ignored_once_users_exist()
    {
        var directory = Directory.CreateTempSubdirectory("flagadmin-");
        var dataFile = ("Store:Memory:DataFile", (string?)Path.Combine(directory.FullName, "data.journal"));
        try
        {
            await using (var first = AuthHost.WithAdmin(null, dataFile))
            {
                await new Browser(first).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);
            }
            await using var second = AuthHost.Memory(dataFile, ("Auth:Admin:Email", "later@example.com"), ("Auth:Admin:Password", "a later long password"));

            var users = await second.Services.GetRequiredService<UserService>().ListUsersAsync(new(AuthHost.AdminEmail));

            Assert.Equal(AuthHost.AdminEmail, Assert.Single(users).Email);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_too_short_configured_password_stops_start_up_with_one_sentence()
    {
        var outcome = await HostProcess.RunAsync(new Dictionary<string, string>
        {
            ["FLAGADMIN_ADMIN_EMAIL"] = "ops@example.com",
            ["FLAGADMIN_ADMIN_PASSWORD"] = "tiny-secret",
        });

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("FlagAdmin cannot start: The first admin from Auth:Admin", line);
        Assert.Contains("at least 12 characters", line);
        Assert.DoesNotContain("tiny-secret", outcome.Output + outcome.Error);
        Assert.DoesNotContain("Exception", outcome.Output + outcome.Error);
    }

    [Fact]
    public async Task An_admin_email_without_a_password_stops_start_up_naming_the_missing_setting()
    {
        var outcome = await HostProcess.RunAsync(new Dictionary<string, string> { ["Auth__Admin__Email"] = "ops@example.com" });

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Auth:Admin:Password (FLAGADMIN_ADMIN_PASSWORD) is not", Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task In_development_on_the_memory_store_a_demo_admin_is_printed_and_can_sign_in()
    {
        var console = new StringWriter();
        var original = Console.Out;
        await using var factory = new FlagAdminFactory(new Dictionary<string, string?> { ["Store:Provider"] = "Memory", ["Auth:DemoAdmin"] = "true" });
        Console.SetOut(console);
        try
        {
            _ = factory.Server;
        }
        finally
        {
            Console.SetOut(original);
        }

        var printed = System.Text.RegularExpressions.Regex.Match(console.ToString(), @"sign in at \S*/signin as (\S+) with the password (\S+)");
        Assert.True(printed.Success, console.ToString());
        Assert.Equal(SignInStartup.DemoAdminEmail, printed.Groups[1].Value);
        await new Browser(factory).SignedInAsync(printed.Groups[1].Value, printed.Groups[2].Value);
    }
}
