using System.Security.Claims;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace FlagAdmin.Web.Components.Shared;

/// <summary>
/// The base of every interactive page: FlagService, the outcome mapper, dialogs and navigation, and the signed-in
/// user's role, kept current while the circuit lives (<see cref="CircuitSignIn"/>), so <see cref="May"/> disables
/// what the role may no longer do. What the service refuses anyway is explained by <see cref="Outcomes"/>.
/// </summary>
public abstract class AdminPage : ComponentBase
{
    [Inject] protected FlagService Flags { get; set; } = default!;

    [Inject] protected Outcomes Outcomes { get; set; } = default!;

    [Inject] protected IDialogService Dialogs { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    protected ClaimsPrincipal User { get; private set; } = new();

    protected Role? UserRole => User.FlagAdminRole();

    /// <summary>True when the signed-in role may do what needs <paramref name="needed"/> (the service checks again on every call).</summary>
    protected bool May(Role needed) => UserRole is { } role && Permissions.Allows(role, needed);

    // The user is known before OnInitialized, and again whenever the circuit's sign-in changes.
    public override async Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        User = (await Authentication).User;
        await base.SetParametersAsync(ParameterView.Empty);
    }
}
