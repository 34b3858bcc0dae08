namespace FlagAdmin.Web.Tests.Auth;

/// <summary>Hosts for the sign-in tests: no Development demo admin, unless a test asks for one.</summary>
public static class AuthHost
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "correct horse battery staple";

    public static FlagAdminFactory Memory(params (string Key, string? Value)[] settings) => Create(new Dictionary<string, string?> { ["Store:Provider"] = "Memory" }, settings);

    public static FlagAdminFactory Postgres(string connectionString, params (string Key, string? Value)[] settings) =>
        Create(FlagAdminFactory.PostgresSettings(connectionString), settings);

    /// <summary>A host whose first admin comes from configuration (<see cref="AdminEmail"/>, <see cref="AdminPassword"/>).</summary>
    public static FlagAdminFactory WithAdmin(string? postgresConnectionString = null, params (string Key, string? Value)[] settings)
    {
        var all = settings.Append(("Auth:Admin:Email", AdminEmail)).Append(("Auth:Admin:Password", AdminPassword)).ToArray();
        return postgresConnectionString is null ? Memory(all) : Postgres(postgresConnectionString, all);
    }

    private static FlagAdminFactory Create(Dictionary<string, string?> baseSettings, (string Key, string? Value)[] settings)
    {
        baseSettings["Auth:DemoAdmin"] = "false";
        foreach (var (key, value) in settings)
        {
            baseSettings[key] = value;
        }
        return new FlagAdminFactory(baseSettings);
    }
}
