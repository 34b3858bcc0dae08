using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Auth.Matrix;

/// <summary>
/// Sends a matrix post as that browser would: its own antiforgery token (from a page it may open: the projects
/// list, or the sign-in page when signed out) in the form, or for htmx in the header app.js sets.
/// </summary>
public static class MatrixSender
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Role? role, MatrixPost post, bool htmx)
    {
        if (post.Get)
        {
            return await client.GetAsync(post.Url);
        }
        var page = await HtmlPage.ParseAsync(await client.GetAsync(role is null ? "/signin" : "/projects"));
        var token = page.QuerySelector("meta[name=antiforgery-token]")?.GetAttribute("content")
            ?? throw new InvalidOperationException("The page carries no antiforgery token.");
        var fields = htmx ? post.Fields : [.. post.Fields, new("__RequestVerificationToken", token)];
        var request = new HttpRequestMessage(HttpMethod.Post, post.Url) { Content = new FormUrlEncodedContent(fields) };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
            request.Headers.Add("RequestVerificationToken", token);
        }
        return await client.SendAsync(request);
    }
}
