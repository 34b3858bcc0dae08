using FlagAdmin.Web.Api;
using FlagAdmin.Web.Api.Http;
using FlagAdmin.Web.Audit;
using FlagAdmin.Web.Evaluation;
using FlagAdmin.Web.Hosting;
using FlagAdmin.Web.Observability;
using FlagAdmin.Web.Serving;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebAppComposition.WebRoot });
builder.Configuration.AddBaseSettingsFile();
try
{
    builder.AddFlagAdminStorage();
    builder.AddFlagAdminObservability();
    builder.Services.AddFlagAdmin();
    builder.Services.AddFlagServing(builder.Configuration);
    builder.Services.AddFlagAdminWebApp(builder.Configuration, builder.Environment);
    builder.Services.AddAdminApi(builder.Configuration);

    var app = builder.Build();
    if (args.Contains("migrate"))
    {
        return await app.RunMigrateCommandAsync();
    }
    await app.OpenStoreAsync();
    await app.PrepareSignInAsync();

    app.UseFlagAdminTelemetry();
    app.UseAdminApiErrors();
    app.UseFlagAdminPipeline();
    app.MapHealthEndpoints();
    app.MapEvaluationApi();
    app.MapAdminApi();
    app.MapBenchmarkCeiling(app.Configuration);
    app.MapFlagAdminWebApp();
    app.MapAuditTrail();
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
