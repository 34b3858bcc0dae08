using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FlagAdmin.Web.Tests.Auth;

/// <summary>
/// A client that behaves like a browser without JavaScript: keeps cookies, does not follow redirects by itself,
/// and posts a page's forms with the hidden fields the page rendered (antiforgery token, form name). Signs in
/// through the real sign-in page, never the test header.
/// </summary>
public sealed class Browser(WebApplicationFactory<Program> factory, bool https = false)
{
    public HttpClient Client { get; } = factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
    });

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    public Task<IDocument> PageAsync(string path) => Client.GetPageAsync(path);

    /// <summary>
    /// Loads <paramref name="path"/>, takes the form named <paramref name="formName"/> (its <c>_handler</c>), fills
    /// <paramref name="fields"/> over the form's own values and posts it where the browser would.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, IReadOnlyDictionary<string, string> fields, bool withAntiforgeryToken = true)
    {
        var form = PageForm.Named(await PageAsync(path), formName, path);
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }
        if (!withAntiforgeryToken)
        {
            form.Remove(PageForm.TokenField);
        }
        return await form.SubmitAsync(Client, value: null);
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string path = "/signin") =>
        await SubmitAsync(path, "signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Signs in and asserts it worked (a redirect away from the sign-in page).</summary>
    public async Task<Browser> SignedInAsync(string email, string password)
    {
        var response = await SignInAsync(email, password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return this;
    }
}

public static class BrowserSignOut
{
    /// <summary>
    /// Posts to /signout as the user menu's "Sign out" button does. That form is in the menu's popover, which an
    /// interactive page renders only when opened, so the antiforgery token (one per signed-in user) is taken from the
    /// static change-password page.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitSignOutAsync(this Browser browser, bool withAntiforgeryToken = true)
    {
        var page = await browser.PageAsync("/account/password");
        var token = page.QuerySelector($"input[name={PageForm.TokenField}]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The change-password page has no antiforgery field.");
        List<KeyValuePair<string, string>> fields = withAntiforgeryToken ? [new(PageForm.TokenField, token)] : [];
        return await browser.Client.PostAsync("/signout", new FormUrlEncodedContent(fields));
    }
}
