using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Auth.Matrix;

/// <summary>
/// Sends a matrix post as that browser would: its own antiforgery token (from the sign-in page, which every
/// browser may open and which issues the token for whoever asks) in place of the Admin's the form was taken with.
/// </summary>
public static class MatrixSender
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Role? role, MatrixPost post, bool htmx)
    {
        if (post.Get)
        {
            return await client.GetAsync(post.Url);
        }
        var page = await HtmlPage.ParseAsync(await client.GetAsync(Paths.SignInPage));
        var token = page.QuerySelector("meta[name=antiforgery-token]")?.GetAttribute("content")
            ?? page.QuerySelector($"input[name={PageForm.TokenField}]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The page carries no antiforgery token.");
        var fields = post.Fields.Where(field => field.Key != PageForm.TokenField);
        return await PageForm.PostAsync(client, post.Url, fields, token, htmx);
    }
}
