using System.Net;
using AngleSharp;
using AngleSharp.Dom;

namespace FlagAdmin.Web.Tests;

/// <summary>Parses an HTML response with AngleSharp, for assertions on what a browser would see.</summary>
public static class HtmlPage
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html));
    }

    /// <summary>Opens a page that must answer 200 and parses it.</summary>
    public static async Task<IDocument> GetPageAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}.");
        return await ParseAsync(response);
    }
}
