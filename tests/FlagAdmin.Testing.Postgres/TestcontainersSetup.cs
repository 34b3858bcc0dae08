namespace FlagAdmin.Testing.Postgres;

/// <summary>
/// Settles, once per process and before Testcontainers is first used, how it reaches this machine's engine, and which
/// PostgreSQL image the tests run: from the project's own code, not the person's shell. Settings already in the
/// environment win.
/// </summary>
internal static class TestcontainersSetup
{
    /// <summary>Names the image to run instead of the ones below.</summary>
    public const string ImageVariable = "FLAGADMIN_TEST_POSTGRES_IMAGE";

    /// <summary>Built from Debian packages by .ci/build-postgres-image on machines that reach no image registry.</summary>
    public const string LocalImage = "flagadmin-tests/postgres:15";

    public const string OfficialImage = "postgres:15-alpine";

    /// <summary>The API version Testcontainers asks for unless told otherwise; older engines (Debian's 20.10 speaks 1.41) refuse it.</summary>
    private static readonly Version TestcontainersApiVersion = new(1, 44);

    private static readonly Lazy<Task<string>> Image = new(ConfigureAsync);

    /// <summary>The image to run; the first call configures Testcontainers.</summary>
    /// <exception cref="InvalidOperationException">No Docker engine answers; the message says how to get one.</exception>
    public static Task<string> ImageAsync() => Image.Value;

    private static async Task<string> ConfigureAsync()
    {
        using var engine = await DockerEngine.ConnectAsync();
        if (engine.ApiVersion < TestcontainersApiVersion)
        {
            SetUnlessGiven("DOCKER_API_VERSION", engine.ApiVersion.ToString());
        }
        // The published ports answer on loopback; nothing leaves the machine.
        SetUnlessGiven("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1");

        var image = Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } chosen ? chosen
            : await engine.ImageExistsAsync(LocalImage) ? LocalImage
            : OfficialImage;
        if (image == LocalImage)
        {
            // A machine that builds its own image reaches no registry, so Ryuk's image cannot be pulled either;
            // the fixtures remove their containers themselves.
            SetUnlessGiven("TESTCONTAINERS_RYUK_DISABLED", "true");
        }
        return image;
    }

    private static void SetUnlessGiven(string variable, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            Environment.SetEnvironmentVariable(variable, value);
        }
    }
}
