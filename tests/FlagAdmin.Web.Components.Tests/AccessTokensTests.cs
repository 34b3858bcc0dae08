using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.Account;
using FlagAdmin.Web.Components.Shared;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>One's own access tokens: created with the secret shown once, roles up to one's own, expiry, revoke in a dialog.</summary>
public sealed class AccessTokensTests : AdminUi
{
    private IRenderedComponent<Providers> Open() => Render(builder =>
    {
        builder.OpenComponent<AccessTokens>(0);
        builder.CloseComponent();
    });

    [Fact]
    public async Task A_new_token_is_shown_once_works_and_is_listed_by_prefix_only()
    {
        var editor = await SignInAsync(Role.Editor, "editor@example.com");
        var page = Open();
        Assert.Contains("You have no access tokens yet", page.Find(".tokens-empty").TextContent);
        page.Find("#token-name").Change("deploy pipeline");
        page.FindAll(".role-choice input[type=radio]")[1].Click();

        await page.Find("form.token-create").SubmitAsync();

        page.WaitForElement(".token-created");
        var secret = page.Find("#new-token").GetAttribute("value")!;
        var authenticated = await Users.AuthenticateTokenAsync(secret);
        Assert.Equal((editor.Email, Role.Editor), (authenticated!.User.Email, authenticated.Role));
        var row = page.Find("tr.token-row");
        Assert.Equal("deploy pipeline", row.QuerySelector(".token-name")!.TextContent);
        Assert.Contains(secret[..12], row.TextContent);
        Assert.DoesNotContain(secret, row.TextContent);
        Assert.Equal("", page.Find("#token-name").GetAttribute("value"));
    }

    [Fact]
    public async Task The_role_choices_stop_at_the_users_own_role()
    {
        await SignInAsync(Role.Editor, "editor@example.com");

        var page = Open();

        Assert.Equal(2, page.FindAll(".role-choice input[type=radio]").Count);
        Assert.Contains("at most your own, Editor", page.Find(".role-choice legend").TextContent);
    }

    [Theory]
    [InlineData("2001-01-01", "must be in the future")]
    [InlineData("next tuesday", "as a date")]
    public async Task An_expiry_in_the_past_or_not_a_date_is_explained_next_to_the_field_and_nothing_is_created(string expires, string says)
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        page.Find("#token-name").Change("old");
        page.Find("#token-expires").Change(expires);

        await page.Find("form.token-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains(says, page.Find(".token-create .mud-input-error .mud-input-helper-text").TextContent));
        Assert.Empty(await Users.ListTokensAsync(admin.Id, Seed));
        Assert.Empty(page.FindAll(".token-created"));
    }

    [Fact]
    public async Task A_missing_name_is_explained_next_to_the_field()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();

        await page.Find("form.token-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Token name is required", page.Find(".token-create .mud-input-error .mud-input-helper-text").TextContent));
        Assert.Empty(await Users.ListTokensAsync(admin.Id, Seed));
    }

    [Fact]
    public async Task Revoking_is_confirmed_and_stops_the_token_at_once()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var token = await Users.CreateTokenAsync(admin.Id, new NewAccessToken("short lived", Role.Viewer, null), new(admin.Email));
        var page = Open();

        await page.ConfirmAfterAsync(page.Button("Revoke").ClickAsync(new()), "Revoke");

        page.WaitForAssertion(() => Assert.Contains("Revoked short lived; it stopped working at once.", page.Snackbars()));
        page.WaitForAssertion(() => Assert.Equal("Revoked", page.Find(".token-status").TextContent));
        Assert.Null(await Users.AuthenticateTokenAsync(token.Secret));
    }

    [Fact]
    public async Task Cancelling_the_revoke_keeps_the_token()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var token = await Users.CreateTokenAsync(admin.Id, new NewAccessToken("kept", Role.Viewer, null), new(admin.Email));
        var page = Open();

        await page.ConfirmAfterAsync(page.Button("Revoke").ClickAsync(new()), "Cancel");

        Assert.NotNull(await Users.AuthenticateTokenAsync(token.Secret));
        Assert.Equal("Active", page.Find(".token-status").TextContent);
    }

    [Fact]
    public async Task With_the_database_down_it_says_so_and_nothing_is_created()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        page.Find("#token-name").Change("ci");
        UserOutage.Down = true;

        await page.Find("form.token-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains(Outcomes.StoreDown, page.Snackbars()));
        Assert.Equal("ci", page.Find("#token-name").GetAttribute("value"));
        UserOutage.Down = false;
        Assert.Empty(await Users.ListTokensAsync(admin.Id, Seed));
    }
}
