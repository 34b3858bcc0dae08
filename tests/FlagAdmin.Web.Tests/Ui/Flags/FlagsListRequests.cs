using AngleSharp;
using AngleSharp.Dom;

namespace FlagAdmin.Web.Tests.Ui.Flags;

/// <summary>What the flags list tests do as a browser: post a switch or button (not a whole form) through <see cref="PageForm.PostAsync"/>, ask for and parse htmx fragments, find a switch.</summary>
public static class FlagsListRequests
{
    /// <summary>A plain form post (JavaScript off): the hidden antiforgery field of the first form on the page.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, IDocument page, string action, params (string Name, string Value)[] fields)
        => PageForm.PostAsync(client, action, Pairs(fields), page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!, htmx: false);

    /// <summary>An htmx post: HX-Request, the token from the meta tag as a header (app.js), the enclosing form's fields.</summary>
    public static Task<HttpResponseMessage> HtmxPostAsync(this HttpClient client, IDocument page, string action, (string Name, string Value)[] fields, string? prompt = null)
        => PageForm.PostAsync(client, action, Pairs(fields), page.QuerySelector("meta[name=antiforgery-token]")!.GetAttribute("content")!, htmx: true, prompt);

    /// <summary>An htmx fragment as the browser would parse it where it is swapped in: table rows inside a table.</summary>
    public static async Task<IDocument> ParseFragmentAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        if (html.TrimStart().StartsWith("<tr", StringComparison.Ordinal))
        {
            html = $"<table><tbody>{html}</tbody></table>";
        }
        return await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html));
    }

    public static Task<HttpResponseMessage> HtmxGetAsync(this HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("HX-Request", "true");
        return client.SendAsync(request);
    }

    /// <summary>The switch of a flag in an environment, found by its label as a screen reader would.</summary>
    public static IElement? Switch(this IParentNode page, string flag, string environment) =>
        page.QuerySelectorAll("button[role=switch]").FirstOrDefault(b =>
            b.GetAttribute("aria-label") is { } label && label.StartsWith($"Turn {flag} ", StringComparison.Ordinal) && label.EndsWith($" in {environment}", StringComparison.Ordinal));

    private static IEnumerable<KeyValuePair<string, string>> Pairs((string Name, string Value)[] fields) => fields.Select(f => KeyValuePair.Create(f.Name, f.Value));
}
