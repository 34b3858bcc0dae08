using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Serving;
using FlagAdmin.Core.Stats;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory;
using FlagAdmin.Web.Auth;
using FlagAdmin.Web.Components.Shared;
using FlagAdmin.Web.LiveUpdates;
using FlagAdmin.Web.Tests;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>
/// A bunit context with what an interactive page has in the app: MudBlazor's services and the shared kit
/// (<see cref="UiKitComposition.AddFlagAdminUiKit"/>), the real FlagService and UserService on a memory store, the
/// live change feed, and a signed-in user of a chosen role (a real stored user, so writes are checked as in a circuit).
/// Project "shop" has development, staging and production (protected) and flag "new-checkout". MudBlazor's services
/// are only IAsyncDisposable: xunit disposes this through <see cref="IAsyncLifetime"/>.
/// </summary>
public abstract class AdminUi : IAsyncLifetime
{
    public static readonly ChangeContext Seed = new("seed@example.com");

    private const string Password = "correct horse battery staple";

    /// <summary>
    /// Set <see cref="StoreGoingDown.Down"/> and every call of the repository method given to the constructor (by default
    /// a write in a transaction, such as creating a project with environments) finds the database gone.
    /// </summary>
    protected StoreGoingDown Outage { get; }

    /// <summary>Set <see cref="StoreGoingDown.Down"/> and every change to users and access tokens finds the database gone (reads still answer).</summary>
    protected StoreGoingDown UserOutage { get; } = new(nameof(IUserRepository.CreateUserAsync), nameof(IUserRepository.UpdateUserAsync),
        nameof(IUserRepository.CreateTokenAsync), nameof(IUserRepository.RevokeTokenAsync));

    protected BunitContext Ui { get; } = new();

    protected FlagService Flags => Ui.Services.GetRequiredService<FlagService>();

    protected UserService Users => Ui.Services.GetRequiredService<UserService>();

    static AdminUi() =>
        // WaitFor… returns as soon as its condition holds; a busy 2-core machine may need more than bunit's default second.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected AdminUi(string outageMethod = nameof(IFlagRepository.InTransactionAsync))
    {
        Outage = new(outageMethod);
        Ui.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = Ui.Services;
        services.AddMemoryStorage(new ConfigurationBuilder().Build());
        services.AddSingleton(provider => Observed(Outage.Wrap(provider.GetRequiredService<MemoryFlagRepository>())));
        services.AddSingleton(provider => UserOutage.WrapUsers(provider.GetRequiredService<MemoryFlagRepository>()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPasswordHashing, PasswordHashing>();
        services.AddSingleton<FlagSnapshotStore>();
        services.AddSingleton<IFlagChangeNotifier>(provider => provider.GetRequiredService<FlagSnapshotStore>());
        services.AddSingleton<FlagService>();
        services.AddSingleton<UserService>();
        services.AddSingleton<StoreStatisticsService>();
        services.AddSingleton<SdkKeyCache>();
        services.AddSingleton<SdkKeyService>();
        services.AddSingleton<AdminChangeFeed>();
        services.AddAuthorizationCore();
        services.AddCascadingAuthenticationState();
        services.AddLogging();
        services.AddFlagAdminUiKit();
        // Pages render as in a circuit (this resolves the renderer, so it comes after the services).
        Ui.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>The repository the services use; a test class may wrap it (to count calls, say). Called once, when it is first asked for.</summary>
    protected virtual IFlagRepository Observed(IFlagRepository repository) => repository;

    public virtual async Task InitializeAsync()
    {
        // The feed exists before the snapshots are loaded, as in the app, so it knows every earlier state.
        Ui.Services.GetRequiredService<AdminChangeFeed>();
        await Flags.CreateProjectAsync(new NewProject("shop", "Shop"), Seed);
        await Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "development", "Development", 0), Seed);
        await Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "staging", "Staging", 1), Seed);
        await Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 2, Protected: true), Seed);
        await Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "new-checkout", Name = "New checkout" }, Seed);
        await Ui.Services.GetRequiredService<FlagSnapshotStore>().LoadAllAsync();
        // Another admin, so the signed-in one can be demoted or deactivated (the last active admin cannot).
        await Users.CreateUserAsync(new NewUser("owner@example.com", "Owner", Role.Admin, Password), Seed);
    }

    /// <summary>Creates a stored user with <paramref name="role"/> and makes them the circuit's signed-in user.</summary>
    protected async Task<User> SignInAsync(Role role, string email)
    {
        var user = await Users.CreateUserAsync(new NewUser(email, email.Split('@')[0], role, Password), Seed);
        var signIn = (CircuitSignIn)Ui.Services.GetRequiredService<AuthenticationStateProvider>();
        signIn.SetAuthenticationState(Task.FromResult(new AuthenticationState(CookieSignIn.CreatePrincipal(user))));
        return user;
    }

    /// <summary>Changes a stored user's role (or deactivates them) behind the circuit's back, as another admin would.</summary>
    protected async Task ChangeStoredUserAsync(User user, Role? role = null, bool? active = null)
    {
        var stored = (await Users.FindUserAsync(user.Id))!;
        await Users.UpdateUserAsync(new UserUpdate { Id = stored.Id, ExpectedVersion = stored.Version, Role = role, IsActive = active }, Seed);
    }

    /// <summary>Renders <paramref name="content"/> below MudBlazor's providers, as MainLayout does.</summary>
    protected IRenderedComponent<Providers> Render(RenderFragment content) =>
        Ui.Render<Providers>(parameters => parameters.AddChildContent(content));

    public async Task DisposeAsync() => await Ui.DisposeAsync();
}
