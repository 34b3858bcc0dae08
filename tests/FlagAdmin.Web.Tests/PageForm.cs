using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace FlagAdmin.Web.Tests;

/// <summary>
/// A form taken from a rendered page and submitted the way a browser would: the fields it would send (not the
/// disabled ones, only ticked boxes), the clicked button's name and value, the antiforgery field and cookie.
/// With <c>htmx</c> it goes to the form's hx-post address with HX-Request and the token header instead.
/// </summary>
public sealed class PageForm
{
    public const string TokenField = "__RequestVerificationToken";

    private readonly List<KeyValuePair<string, string>> _fields = [];
    private readonly string _action;
    private readonly string? _htmxAction;

    /// <param name="pagePath">Where the page came from: a form without an action posts back there.</param>
    public PageForm(IElement form, string? pagePath = null)
    {
        _action = form.GetAttribute("action") is { Length: > 0 } action ? action : pagePath ?? "";
        _htmxAction = form.GetAttribute("hx-post");
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            if (element.HasAttribute("disabled") || element.Closest("fieldset[disabled]") is not null)
            {
                continue;
            }
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.HasAttribute("checked"))
                    {
                        _fields.Add(new(name, box.GetAttribute("value") ?? "on"));
                    }
                    break;
                case IHtmlInputElement { Type: "submit" }:
                    break;
                case IHtmlInputElement input:
                    _fields.Add(new(name, input.GetAttribute("value") ?? ""));
                    break;
                case IHtmlSelectElement select:
                    var selected = select.QuerySelector("option[selected]") ?? select.QuerySelector("option");
                    _fields.Add(new(name, selected?.GetAttribute("value") ?? ""));
                    break;
                case IHtmlTextAreaElement textarea:
                    _fields.Add(new(name, textarea.TextContent.TrimStart('\n')));
                    break;
            }
        }
    }

    public static PageForm Of(IDocument page, string selector) =>
        new(page.QuerySelector(selector) ?? throw new InvalidOperationException($"No form '{selector}' on the page."));

    /// <summary>The form a Blazor page renders with <c>FormName="<paramref name="formName"/>"</c> (its <c>_handler</c> field).</summary>
    public static PageForm Named(IDocument page, string formName, string? pagePath = null) =>
        new(page.QuerySelector($"form:has(input[name=_handler][value='{formName}'])") ?? throw new InvalidOperationException($"The page has no form named '{formName}'."), pagePath);

    /// <summary>What the form would send now, antiforgery field included.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public bool Has(string name) => _fields.Any(f => f.Key == name);

    public string? Get(string name) => _fields.FirstOrDefault(f => f.Key == name).Value;

    public PageForm Set(string name, string value)
    {
        _fields.RemoveAll(f => f.Key == name);
        _fields.Add(new(name, value));
        return this;
    }

    public PageForm Check(string name, bool on) => on ? Set(name, "on") : Remove(name);

    public PageForm Remove(string name)
    {
        _fields.RemoveAll(f => f.Key == name);
        return this;
    }

    public Task<HttpResponseMessage> SubmitAsync(HttpClient client, string button = "action", string? value = "save", bool htmx = false)
    {
        var fields = new List<KeyValuePair<string, string>>(_fields);
        if (value is not null)
        {
            fields.Add(new(button, value));
        }
        return PostAsync(client, htmx ? _htmxAction ?? _action : _action, fields, Get(TokenField), htmx);
    }

    /// <summary>
    /// Posts <paramref name="fields"/> as a browser would. Without JavaScript the antiforgery token travels as the
    /// form field; an htmx request carries HX-Request and the token in the header app.js sets, the fields as they
    /// are, and <paramref name="prompt"/> as the answer to hx-prompt. A null token sends none.
    /// </summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string? token, bool htmx, string? prompt = null)
    {
        var body = fields.ToList();
        if (!htmx && token is not null && body.All(f => f.Key != TokenField))
        {
            body.Add(new(TokenField, token));
        }
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(body) };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
            if (token is not null)
            {
                request.Headers.Add("RequestVerificationToken", token);
            }
            if (prompt is not null)
            {
                request.Headers.Add("HX-Prompt", prompt);
            }
        }
        return client.SendAsync(request);
    }
}
