using FlagAdmin.Web.Evaluation;
using FlagAdmin.Web.Hosting;
using FlagAdmin.Web.Serving;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddBaseSettingsFile();
try
{
    builder.AddFlagAdminStorage();
    builder.Services.AddFlagAdmin();
    builder.Services.AddFlagServing(builder.Configuration);

    var app = builder.Build();
    if (args.Contains("migrate"))
    {
        return await app.RunMigrateCommandAsync();
    }
    await app.OpenStoreAsync();

    app.UseRateLimiter();
    app.MapHealthEndpoints();
    app.MapEvaluationApi();
    app.MapBenchmarkCeiling(app.Configuration);
    app.MapGet("/", () => Results.Text("FlagAdmin is running."));
    await app.RunAsync();
    return 0;
}
catch (StartupProblem problem)
{
    Console.Error.WriteLine($"FlagAdmin cannot start: {problem.Message}");
    return 1;
}

/// <summary>The entry point, visible to the web tests' <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
