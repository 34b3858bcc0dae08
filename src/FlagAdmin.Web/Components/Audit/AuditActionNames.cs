using System.Text;
using FlagAdmin.Core.Audit;

namespace FlagAdmin.Web.Components.Audit;

/// <summary>Audit actions in words: <c>FlagToggled</c> → "Flag toggled".</summary>
public static class AuditActionNames
{
    public static string Label(AuditAction action)
    {
        var name = action.ToString();
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }
        return text.Replace("sdk key", "SDK key").ToString();
    }
}
