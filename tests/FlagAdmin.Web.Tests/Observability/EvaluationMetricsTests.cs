using System.Diagnostics.Metrics;
using System.Net;
using FlagAdmin.Web.Tests.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Observability;

/// <summary>OFREP evaluations are counted by project, environment, flag and reason, timed, and bulk answers sized.</summary>
public sealed class EvaluationMetricsTests
{
    private const string Evaluations = "flagadmin.evaluations";

    [Fact]
    public async Task Each_evaluation_is_counted_under_its_project_environment_flag_and_reason()
    {
        await using var host = await OfrepHost.StartAsync();
        using var probe = new MetricsProbe(host.Services.GetRequiredService<IMeterFactory>());

        await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", """{"context":{"targetingKey":"u1"}}""", host.Production.Secret);
        await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", """{"context":{"targetingKey":"u2"}}""", host.Production.Secret);
        await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", """{"context":{"targetingKey":"u1"}}""", host.Staging.Secret);
        var missing = await host.PostAsync("/ofrep/v1/evaluate/flags/no-such-flag", "{}", host.Production.Secret);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(2, probe.Latest(Evaluations, ("project", "shop"), ("environment", "production"), ("flag", "new-checkout"), ("reason", "STATIC")));
        Assert.Equal(1, probe.Latest(Evaluations, ("project", "shop"), ("environment", "staging"), ("flag", "new-checkout"), ("reason", "DISABLED")));
        Assert.Null(probe.Latest(Evaluations, ("environment", "production"), ("flag", "new-checkout"), ("reason", "DISABLED")));
        // An unknown key is counted for its environment without the key: callers cannot add series.
        Assert.Equal(1, probe.Latest(Evaluations, ("project", "shop"), ("environment", "production"), ("flag", null), ("reason", "ERROR"), ("error.type", "FLAG_NOT_FOUND")));
        Assert.DoesNotContain(probe.Read(Evaluations), r => Equals(r.Tags.GetValueOrDefault("flag"), "no-such-flag"));
        var durations = probe.Read("flagadmin.evaluation.duration");
        Assert.Equal(4, durations.Count(d => MetricsProbe.Matches(d, ("kind", "single"))));
        Assert.All(durations, d => Assert.True(d.Value > 0));
    }

    [Fact]
    public async Task A_bulk_evaluation_counts_every_flag_and_records_its_size()
    {
        await using var host = await OfrepHost.StartAsync();
        using var probe = new MetricsProbe(host.Services.GetRequiredService<IMeterFactory>());

        var bulk = await host.PostAsync("/ofrep/v1/evaluate/flags", """{"context":{"targetingKey":"u1"}}""", host.Production.Secret);
        await host.PostAsync("/ofrep/v1/evaluate/flags", """{"context":{"targetingKey":"u2"}}""", host.Production.Secret);
        await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", """{"context":{"targetingKey":"u3"}}""", host.Production.Secret);

        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        // Bulk and single evaluations of a flag share its counters.
        Assert.Equal(3, probe.Latest(Evaluations, ("environment", "production"), ("flag", "new-checkout"), ("reason", "STATIC")));
        Assert.Equal(2, probe.Latest(Evaluations, ("environment", "production"), ("flag", "banner-colour"), ("reason", "DISABLED")));
        Assert.All(probe.Read("flagadmin.evaluation.bulk.size"), size => Assert.Equal(2, size.Value));
        Assert.Equal(2, probe.Read("flagadmin.evaluation.duration").Count(d => MetricsProbe.Matches(d, ("kind", "bulk"))));
    }

    [Fact]
    public async Task A_count_survives_the_flag_being_changed_and_recompiled()
    {
        await using var host = await OfrepHost.StartAsync();
        using var probe = new MetricsProbe(host.Services.GetRequiredService<IMeterFactory>());

        await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", "{}", host.Production.Secret);
        await host.Flags.SetEnabledAsync("shop", "new-checkout", "production", false, await StateVersionAsync(host), OfrepHost.Admin);
        await host.Flags.SetEnabledAsync("shop", "new-checkout", "production", true, await StateVersionAsync(host), OfrepHost.Admin);
        await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", "{}", host.Production.Secret);

        Assert.Equal(2, probe.Latest(Evaluations, ("environment", "production"), ("flag", "new-checkout"), ("reason", "STATIC")));
    }

    private static async Task<uint> StateVersionAsync(OfrepHost host) =>
        (await host.Flags.GetFlagAsync("shop", "new-checkout")).StateIn("production")!.Version;

    [Fact]
    public async Task Refused_evaluations_are_counted_as_rate_limit_refusals()
    {
        await using var host = await OfrepHost.StartAsync(new FlagAdminFactory(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Memory",
            ["Evaluation:RateLimit:PermitsPerSecond"] = "1",
        }));
        using var probe = new MetricsProbe(host.Services.GetRequiredService<IMeterFactory>());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", "{}", host.Production.Secret)).StatusCode);
        }

        var refused = statuses.Count(s => s == HttpStatusCode.TooManyRequests);
        Assert.True(refused > 0);
        Assert.Equal(refused, probe.Read("flagadmin.rate_limit.refusals").Where(r => MetricsProbe.Matches(r, ("limiter", "evaluation"))).Sum(r => r.Value));
    }
}
