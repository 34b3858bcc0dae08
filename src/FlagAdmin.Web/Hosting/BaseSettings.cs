using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace FlagAdmin.Web.Hosting;

public static class BaseSettings
{
    /// <summary>
    /// Reads the appsettings.json copied next to the binary as the lowest-priority source, so the host
    /// finds its base configuration from any working directory; files in the content root, environment
    /// variables and arguments still override it.
    /// </summary>
    public static void AddBaseSettingsFile(this ConfigurationManager configuration)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(path))
        {
            configuration.Sources.Insert(0, new JsonConfigurationSource
            {
                FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
                Path = "appsettings.json",
                Optional = true,
            });
        }
    }
}
