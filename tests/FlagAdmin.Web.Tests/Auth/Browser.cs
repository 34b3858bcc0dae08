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

    public async Task<IDocument> PageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}.");
        return await HtmlPage.ParseAsync(response);
    }

    /// <summary>
    /// Loads <paramref name="path"/>, takes the form named <paramref name="formName"/> (its <c>_handler</c>), fills
    /// <paramref name="fields"/> over the form's own values and posts it where the browser would.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, IReadOnlyDictionary<string, string> fields, bool withAntiforgeryToken = true)
    {
        var page = await PageAsync(path);
        var form = FindForm(page, formName);
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name], select[name]"))
        {
            if (input.GetAttribute("type") is "submit" || (input.LocalName == "input" && input.GetAttribute("type") is "password"))
            {
                continue;
            }
            values[input.GetAttribute("name")!] = input.LocalName == "select"
                ? input.QuerySelector("option[selected]")?.GetAttribute("value") ?? input.QuerySelector("option")?.GetAttribute("value") ?? ""
                : input.GetAttribute("value") ?? "";
        }
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        if (!withAntiforgeryToken)
        {
            values.Remove("__RequestVerificationToken");
        }
        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : path;
        return await Client.PostAsync(action, new FormUrlEncodedContent(values));
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

    private static IElement FindForm(IDocument page, string formName) =>
        page.QuerySelectorAll("form").FirstOrDefault(form => form.QuerySelector("input[name=_handler]")?.GetAttribute("value") == formName)
        ?? throw new InvalidOperationException($"The page has no form named '{formName}'.");
}

public static class BrowserSignOut
{
    /// <summary>Posts the sign-out form of the page's navigation, as the "Sign out" button would.</summary>
    public static async Task<HttpResponseMessage> SubmitSignOutAsync(this Browser browser, bool withAntiforgeryToken = true)
    {
        var page = await browser.PageAsync("/account/tokens");
        var form = page.QuerySelector("form[action='/signout']")!;
        var values = form.QuerySelectorAll("input[name]")
            .Where(input => withAntiforgeryToken || input.GetAttribute("name") != "__RequestVerificationToken")
            .ToDictionary(input => input.GetAttribute("name")!, input => input.GetAttribute("value") ?? "");
        return await browser.Client.PostAsync("/signout", new FormUrlEncodedContent(values));
    }
}
