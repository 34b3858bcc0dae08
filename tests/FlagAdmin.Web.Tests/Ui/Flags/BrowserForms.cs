using AngleSharp;
using AngleSharp.Dom;

namespace FlagAdmin.Web.Tests.Ui.Flags;

/// <summary>Posts the way a browser does: the antiforgery token from the page, and for htmx the HX-Request header and the token as a header.</summary>
public static class BrowserForms
{
    /// <summary>A plain form post (JavaScript off): the hidden antiforgery field of the first form on the page.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, IDocument page, string action, params (string Name, string Value)[] fields)
    {
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        return client.PostAsync(action, content);
    }

    /// <summary>An htmx post: HX-Request, the token from the meta tag as a header (app.js), the enclosing form's fields.</summary>
    public static Task<HttpResponseMessage> HtmxPostAsync(this HttpClient client, IDocument page, string action, (string Name, string Value)[] fields, string? prompt = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", page.QuerySelector("meta[name=antiforgery-token]")!.GetAttribute("content")!);
        if (prompt is not null)
        {
            request.Headers.Add("HX-Prompt", prompt);
        }
        return client.SendAsync(request);
    }

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
}
