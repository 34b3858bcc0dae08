using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace FlagAdmin.Web.Tests.Ui.Transfer;

/// <summary>
/// A form of a rendered page sent as a browser sends <c>enctype="multipart/form-data"</c>: the fields it would
/// send (hidden ones included, not disabled ones), the antiforgery field, and optionally a chosen file.
/// </summary>
public sealed class MultipartPageForm
{
    private readonly List<KeyValuePair<string, string>> _fields = [];
    private readonly string _action;
    private (string Name, string FileName, byte[] Bytes, string ContentType)? _file;

    public MultipartPageForm(IElement form, string pagePath)
    {
        _action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pagePath : form.GetAttribute("action")!;
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            if (element.HasAttribute("disabled") || element.Closest("fieldset[disabled]") is not null)
            {
                continue;
            }
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement { Type: "file" or "submit" }:
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.HasAttribute("checked"))
                    {
                        _fields.Add(new(name, box.GetAttribute("value") ?? "on"));
                    }
                    break;
                case IHtmlInputElement input:
                    _fields.Add(new(name, input.GetAttribute("value") ?? ""));
                    break;
                case IHtmlSelectElement select:
                    var selected = select.QuerySelector("option[selected]") ?? select.QuerySelector("option");
                    _fields.Add(new(name, selected?.GetAttribute("value") ?? ""));
                    break;
            }
        }
    }

    public static MultipartPageForm Of(IDocument page, string selector, string pagePath) =>
        new(page.QuerySelector(selector) ?? throw new InvalidOperationException($"No form '{selector}' on the page."), pagePath);

    public string? Get(string name) => _fields.FirstOrDefault(f => f.Key == name).Value;

    public MultipartPageForm Set(string name, string value)
    {
        _fields.RemoveAll(f => f.Key == name);
        _fields.Add(new(name, value));
        return this;
    }

    public MultipartPageForm Remove(string name)
    {
        _fields.RemoveAll(f => f.Key == name);
        return this;
    }

    public MultipartPageForm Attach(string name, string fileName, byte[] bytes, string contentType = "application/json")
    {
        _file = (name, fileName, bytes, contentType);
        return this;
    }

    public Task<HttpResponseMessage> SubmitAsync(HttpClient client)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in _fields)
        {
            content.Add(new StringContent(value), name);
        }
        if (_file is { } file)
        {
            var part = new ByteArrayContent(file.Bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            content.Add(part, file.Name, file.FileName);
        }
        return client.PostAsync(_action, content);
    }
}
