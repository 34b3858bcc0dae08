namespace FlagAdmin.Web.Components.Pages.Projects;

internal static class FormValues
{
    /// <summary>A browser sends a checkbox only when it is ticked (with its value, "on" unless the page says otherwise).</summary>
    public static bool Ticked(IFormCollection form, string name) => form.TryGetValue(name, out var value) && value.Count > 0;
}
