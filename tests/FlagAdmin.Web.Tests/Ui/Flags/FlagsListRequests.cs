using AngleSharp.Dom;

namespace FlagAdmin.Web.Tests.Ui.Flags;

/// <summary>What the static flag pages' tests do as a browser with JavaScript off: post a form through <see cref="PageForm.PostAsync"/>.</summary>
public static class FlagsListRequests
{
    /// <summary>A plain form post: the hidden antiforgery field of the first form on the page.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, IDocument page, string action, params (string Name, string Value)[] fields)
        => PageForm.PostAsync(client, action, fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!, htmx: false);
}
