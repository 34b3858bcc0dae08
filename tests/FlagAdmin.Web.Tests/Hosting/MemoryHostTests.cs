using FlagAdmin.Core.Flags;
using FlagAdmin.Storage.Memory;
using FlagAdmin.Web.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Hosting;

public sealed class MemoryHostTests
{
    [Fact]
    public async Task The_default_configuration_runs_on_the_memory_store()
    {
        await using var factory = new FlagAdminFactory(new Dictionary<string, string?>());

        var response = await factory.CreateClient().GetAsync("/healthz");

        Assert.True(response.IsSuccessStatusCode);
        Assert.IsType<MemoryFlagRepository>(ObservedStore.InnerOf(factory.Services.GetRequiredService<IFlagRepository>()));
    }
}
