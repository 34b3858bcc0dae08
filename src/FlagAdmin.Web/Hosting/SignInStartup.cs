using System.Security.Cryptography;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Auth;

namespace FlagAdmin.Web.Hosting;

/// <summary>
/// Before serving: checks the sign-in settings and makes sure someone can sign in. There is no default password.
/// The first admin comes from <c>Auth:Admin:Email</c>/<c>Auth:Admin:Password</c> (or the environment variables
/// <c>FLAGADMIN_ADMIN_EMAIL</c>/<c>FLAGADMIN_ADMIN_PASSWORD</c>) while no user exists; without them the one-time
/// <c>/setup</c> page does it, except in Development on the memory store, where a demo admin with a random
/// password is created and printed to the console.
/// </summary>
public static partial class SignInStartup
{
    public const string DemoAdminEmail = "demo-admin@flagadmin.local";

    public static async Task PrepareSignInAsync(this WebApplication app)
    {
        SignInRateLimit.PermitsPerMinute(app.Configuration);
        var users = app.Services.GetRequiredService<UserService>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInStartup));
        var email = Setting(app.Configuration, "Auth:Admin:Email", "FLAGADMIN_ADMIN_EMAIL");
        var password = Setting(app.Configuration, "Auth:Admin:Password", "FLAGADMIN_ADMIN_PASSWORD");
        if (email is not null || password is not null)
        {
            await CreateConfiguredAdminAsync(users, logger, email, password);
        }
        else if (!await users.HasUsersAsync())
        {
            if (WantsDemoAdmin(app))
            {
                await CreateDemoAdminAsync(app, users);
            }
            else
            {
                PointToSetupPage(app);
            }
        }
    }

    private static void PointToSetupPage(WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
            Console.WriteLine($"FlagAdmin: no user exists yet; open {Address(app, "/setup")} to create the first admin."));

    private static string Address(WebApplication app, string path) =>
        app.Urls.FirstOrDefault() is { } url ? url.TrimEnd('/') + path : path;

    private static async Task CreateConfiguredAdminAsync(UserService users, ILogger logger, string? email, string? password)
    {
        if (email is null || password is null)
        {
            throw new StartupProblem(email is null
                ? "Auth:Admin:Password (FLAGADMIN_ADMIN_PASSWORD) is set but Auth:Admin:Email (FLAGADMIN_ADMIN_EMAIL) is not; set both to create the first admin."
                : "Auth:Admin:Email (FLAGADMIN_ADMIN_EMAIL) is set but Auth:Admin:Password (FLAGADMIN_ADMIN_PASSWORD) is not; set both to create the first admin.");
        }
        if (await users.HasUsersAsync())
        {
            LogAdminSettingIgnored(logger);
            return;
        }
        try
        {
            var admin = await users.CreateFirstAdminAsync(new NewUser(email, "", Role.Admin, password), "configuration");
            LogFirstAdminCreated(logger, admin.Email);
        }
        catch (ValidationException e)
        {
            throw new StartupProblem($"The first admin from Auth:Admin (FLAGADMIN_ADMIN_EMAIL/FLAGADMIN_ADMIN_PASSWORD) cannot be created: {e.Message}", e);
        }
        catch (AlreadyExistsException)
        {
            // Another process sharing the database created the first user meanwhile.
            LogAdminSettingIgnored(logger);
        }
    }

    private static bool WantsDemoAdmin(WebApplication app) =>
        app.Environment.IsDevelopment()
        && app.Services.GetRequiredService<StoreSelection>().Provider == StoreProvider.Memory
        && app.Configuration.GetValue("Auth:DemoAdmin", true);

    private static async Task CreateDemoAdminAsync(WebApplication app, UserService users)
    {
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
        await users.CreateFirstAdminAsync(new NewUser(DemoAdminEmail, "Demo admin", Role.Admin, password), "Development demo");
        // Printed, not logged: this password belongs on the developer's screen, never in a log store.
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            Console.WriteLine($"FlagAdmin (Development): sign in at {Address(app, "/signin")} as {DemoAdminEmail} with the password {password}");
            Console.WriteLine("  This demo admin lives only as long as this memory store; set Auth:Admin:Email and Auth:Admin:Password to choose your own.");
        });
    }

    private static string? Setting(IConfiguration configuration, string key, string environmentVariable)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration[environmentVariable];
        }
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin {Email} from configuration.")]
    private static partial void LogFirstAdminCreated(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Users exist already; the Auth:Admin settings are ignored.")]
    private static partial void LogAdminSettingIgnored(ILogger logger);
}
