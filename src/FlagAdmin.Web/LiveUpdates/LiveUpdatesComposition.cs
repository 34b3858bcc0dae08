using FlagAdmin.Web.Auth;

namespace FlagAdmin.Web.LiveUpdates;

public static class LiveUpdatesComposition
{
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services) =>
        services.AddSingleton<AdminChangeFeed>();

    /// <summary>The admin UI's event stream; also creates the feed now, before the snapshots are first loaded, so it knows every earlier state.</summary>
    public static IEndpointRouteBuilder MapLiveUpdates(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<AdminChangeFeed>();
        app.MapGet("/projects/{project}/events", AdminEventStream.StreamAsync).RequireAuthorization(Policies.Viewer);
        return app;
    }
}
