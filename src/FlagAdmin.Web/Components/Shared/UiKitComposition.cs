using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using MudBlazor.Services;

namespace FlagAdmin.Web.Components.Shared;

public static class UiKitComposition
{
    /// <summary>MudBlazor, the circuit's sign-in and user, and the shared kit the interactive pages use.</summary>
    public static IServiceCollection AddFlagAdminUiKit(this IServiceCollection services)
    {
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.PreventDuplicates = false;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddHttpContextAccessor();
        services.AddScoped<AuthenticationStateProvider, CircuitSignIn>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<Outcomes>();
        services.AddScoped<UnsavedEdits>();
        return services;
    }
}
