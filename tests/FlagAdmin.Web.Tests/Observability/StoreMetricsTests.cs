using System.Diagnostics.Metrics;
using System.Net;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Observability;
using FlagAdmin.Storage.Memory;
using FlagAdmin.Web.Observability;
using FlagAdmin.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Observability;

/// <summary>Every store call is timed by operation, with its outcome; failures name their type.</summary>
public sealed class StoreMetricsTests
{
    private const string StoreDuration = "flagadmin.store.operation.duration";

    [Fact]
    public async Task The_host_times_the_store_calls_a_request_makes()
    {
        await using var host = await ApiHost.StartAsync();
        using var probe = new MetricsProbe(host.Factory.Services.GetRequiredService<IMeterFactory>());

        var response = await host.GetAsync("/api/v1/projects/shop/flags");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(probe.Read(StoreDuration), r => MetricsProbe.Matches(r, ("operation", nameof(IFlagRepository.QueryFlagsAsync))));
        Assert.Equal("ok", call.Tags["outcome"]);
        Assert.False(call.Tags.ContainsKey("error.type"));
        Assert.True(call.Value > 0);
    }

    [Fact]
    public async Task A_failing_call_is_recorded_as_an_error_with_its_type_and_still_fails()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var probe = new MetricsProbe(factory);
        using var memory = new MemoryFlagRepository(TimeProvider.System);
        var down = new StoreGoingDown(nameof(IFlagRepository.ListProjectsAsync)) { Down = true };
        var store = ObservedStore.Wrap(down.Wrap(memory), new FlagAdminMetrics(factory));

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ListProjectsAsync());
        Assert.Null(await store.GetProjectAsync("nothing"));

        var failed = Assert.Single(probe.Read(StoreDuration), r => MetricsProbe.Matches(r, ("operation", nameof(IFlagRepository.ListProjectsAsync))));
        Assert.Equal("error", failed.Tags["outcome"]);
        Assert.Equal(nameof(StoreUnavailableException), failed.Tags["error.type"]);
        var succeeded = Assert.Single(probe.Read(StoreDuration), r => MetricsProbe.Matches(r, ("operation", nameof(IFlagRepository.GetProjectAsync))));
        Assert.Equal("ok", succeeded.Tags["outcome"]);
    }
}
