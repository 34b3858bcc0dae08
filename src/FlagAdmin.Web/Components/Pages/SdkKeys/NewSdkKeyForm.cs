using FlagAdmin.Core.SdkKeys;

namespace FlagAdmin.Web.Components.Pages.SdkKeys;

/// <summary>The new-key form as typed (never the secret, which exists only in the dialog that shows it once).</summary>
public sealed class NewSdkKeyForm
{
    public string Name { get; set; } = "";
    public string Environment { get; set; } = "";
    public string Reason { get; set; } = "";

    public NewSdkKey ToNew(string projectKey) => new(projectKey, Environment, Name);

    public string Describe() => $"New SDK key '{Name.Trim()}' for {Environment}";
}
