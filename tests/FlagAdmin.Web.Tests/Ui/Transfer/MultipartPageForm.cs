using System.Net.Http.Headers;
using AngleSharp.Dom;

namespace FlagAdmin.Web.Tests.Ui.Transfer;

/// <summary>
/// A form of a rendered page (the fields <see cref="PageForm"/> finds) sent as a browser sends
/// <c>enctype="multipart/form-data"</c>, optionally with a chosen file.
/// </summary>
public sealed class MultipartPageForm
{
    private readonly PageForm _form;
    private readonly string _action;
    private (string Name, string FileName, byte[] Bytes, string ContentType)? _file;

    private MultipartPageForm(PageForm form, string action)
    {
        _form = form;
        _action = action;
    }

    public static MultipartPageForm Of(IDocument page, string selector, string pagePath)
    {
        var element = page.QuerySelector(selector) ?? throw new InvalidOperationException($"No form '{selector}' on the page.");
        var form = new PageForm(element, pagePath);
        foreach (var file in element.QuerySelectorAll("input[type=file][name]"))
        {
            form.Remove(file.GetAttribute("name")!); // a file input sends a file, or nothing when none is chosen
        }
        return new(form, element.GetAttribute("action") is { Length: > 0 } action ? action : pagePath);
    }

    public string? Get(string name) => _form.Get(name);

    public MultipartPageForm Set(string name, string value)
    {
        _form.Set(name, value);
        return this;
    }

    public MultipartPageForm Remove(string name)
    {
        _form.Remove(name);
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
        foreach (var (name, value) in _form.Fields)
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
