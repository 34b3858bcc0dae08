namespace FlagAdmin.Web.Tests.Hosting;

/// <summary>A misconfigured host stops with exit code 1 and one sentence on standard error, never a stack trace.</summary>
public sealed class StartupProblemTests
{
    private static Task<string> FailingStartAsync(Dictionary<string, string> environment, params string[] args) =>
        HostProcess.FailingStartAsync(environment, args);

    [Fact]
    public async Task An_unknown_store_provider_names_the_choices()
    {
        var line = await FailingStartAsync(new() { ["Store__Provider"] = "Oracle" });

        Assert.Contains("Store:Provider is 'Oracle', but it must be 'Memory' or 'Postgres'.", line);
    }

    [Fact]
    public async Task A_RequireHttps_setting_that_is_not_a_boolean_says_what_it_must_be()
    {
        var line = await FailingStartAsync(new() { ["Auth__RequireHttps"] = "sometimes" });

        Assert.Contains("Auth:RequireHttps must be true or false, not 'sometimes'.", line);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_says_which_setting_is_missing()
    {
        var line = await FailingStartAsync(new() { ["Store__Provider"] = "Postgres" });

        Assert.Contains("ConnectionStrings:FlagAdmin is not set", line);
    }

    [Fact]
    public async Task A_malformed_connection_string_is_explained()
    {
        var line = await FailingStartAsync(new() { ["Store__Provider"] = "postgres", ["ConnectionStrings__FlagAdmin"] = "Hots=db;Bogus" });

        Assert.Contains("ConnectionStrings:FlagAdmin is not a valid PostgreSQL connection string", line);
    }

    [Fact]
    public async Task An_unreachable_database_is_named_without_its_password()
    {
        var line = await FailingStartAsync(new()
        {
            ["Store__Provider"] = "Postgres",
            ["ConnectionStrings__FlagAdmin"] = "Host=127.0.0.1;Port=1;Database=flags;Username=app;Password=s3cret-pw;Timeout=3",
        });

        Assert.Contains("127.0.0.1", line);
        Assert.DoesNotContain("s3cret-pw", line);
    }

    [Fact]
    public async Task The_migrate_command_refuses_the_memory_store()
    {
        var line = await FailingStartAsync(new() { ["Store__Provider"] = "Memory" }, "migrate");

        Assert.Contains("migrate command applies to PostgreSQL", line);
    }

    [Fact]
    public async Task A_damaged_data_file_is_named()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("flagadmin-").FullName, "data.journal");
        await File.WriteAllTextAsync(file, "{not json}\n{\"also\":\"not a record\"}\n");
        try
        {
            var line = await FailingStartAsync(new() { ["Store__Memory__DataFile"] = file });

            Assert.Contains("Store:Memory:DataFile cannot be used", line);
            Assert.Contains("line 1", line);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
