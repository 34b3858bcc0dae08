using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace FlagAdmin.Web.Tests.Ui.FlagDetail;

/// <summary>
/// A form taken from a rendered page and submitted the way a browser would: the fields it would send (not the
/// disabled ones, only ticked boxes), the clicked button's name and value, the antiforgery field and cookie.
/// With <c>htmx</c> it goes to the form's hx-post address with HX-Request and the token header instead.
/// </summary>
public sealed class PageForm
{
    private readonly List<KeyValuePair<string, string>> _fields = [];
    private readonly string _action;
    private readonly string? _htmxAction;

    public PageForm(IElement form)
    {
        _action = form.GetAttribute("action") ?? "";
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
        var request = new HttpRequestMessage(HttpMethod.Post, htmx ? _htmxAction ?? _action : _action) { Content = new FormUrlEncodedContent(fields) };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
            request.Headers.Add("RequestVerificationToken", Get("__RequestVerificationToken"));
        }
        return client.SendAsync(request);
    }
}
