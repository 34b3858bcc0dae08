using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace FlagAdmin.Web.Tests.Auth.Matrix;

/// <summary>The fields a browser sends for a form on a page: enabled inputs, ticked boxes, selected options; no antiforgery token (the sender adds its own).</summary>
public static class FormFields
{
    public static List<KeyValuePair<string, string>> Of(IDocument page, string selector)
    {
        var form = page.QuerySelector(selector) ?? throw new InvalidOperationException($"No form '{selector}' on the page.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            if (element.HasAttribute("disabled") || name == "__RequestVerificationToken")
            {
                continue;
            }
            var value = element switch
            {
                IHtmlInputElement { Type: "checkbox" or "radio" } box => box.HasAttribute("checked") ? box.GetAttribute("value") ?? "on" : null,
                IHtmlInputElement { Type: "submit" } => null,
                IHtmlInputElement input => input.GetAttribute("value") ?? "",
                IHtmlSelectElement select => (select.QuerySelector("option[selected]") ?? select.QuerySelector("option"))?.GetAttribute("value") ?? "",
                IHtmlTextAreaElement area => area.TextContent.TrimStart('\n'),
                _ => null,
            };
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }
        return fields;
    }

    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
        return fields;
    }
}
