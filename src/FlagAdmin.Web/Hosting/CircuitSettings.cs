using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;

namespace FlagAdmin.Web.Hosting;

/// <summary>The limits of interactive circuits; the reasons for each number are in docs/decisions/0017.</summary>
public static class CircuitSettings
{
    /// <summary>A message from the browser: the largest is a pasted JSON value (32,768 characters, up to 3 bytes each).</summary>
    public const long MaxMessageBytes = 128 * 1024;

    public static IServiceCollection AddCircuitSettings(this IServiceCollection services, IHostEnvironment environment)
    {
        services.Configure<CircuitOptions>(options =>
        {
            options.DetailedErrors = environment.IsDevelopment();
            options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            options.DisconnectedCircuitMaxRetained = 200;
            options.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
            options.MaxBufferedUnacknowledgedRenderBatches = 10;
        });
        services.Configure<HubOptions>(options =>
        {
            options.MaximumReceiveMessageSize = MaxMessageBytes;
            options.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
            options.KeepAliveInterval = TimeSpan.FromSeconds(15);
        });
        return services;
    }
}
