using System.Net;
using System.Reflection;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Ui.Flags;

/// <summary>The store refuses writes (as PostgreSQL does when it is down) while reads still answer.</summary>
public sealed class StoreDownTests
{
    [Fact]
    public async Task A_toggle_while_the_database_is_down_says_so_and_nothing_changes()
    {
        var failing = new WritesFail();
        await using var host = await FlagsListSeed.StartAsync(new TestSite(FlagAdminFactory.Memory(), services =>
            services.AddSingleton<IFlagRepository>(provider => WritesFail.Wrap(provider.GetRequiredService<MemoryFlagRepository>(), failing))));
        var client = host.Client(Role.Editor);
        var page = await client.GetPageAsync("/projects/shop/flags");
        failing.Down = true;

        var response = await client.HtmxPostAsync(page, "/projects/shop/flags/toggle", [("toggle", page.Switch("new-checkout", "Staging")!.GetAttribute("value")!), ("q", "")]);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("#flags-alert", response.Headers.GetValues("HX-Retarget").Single());
        Assert.Contains("The database is unavailable — your change was not saved.", (await HtmlPage.ParseAsync(response)).Body!.TextContent);
        Assert.False((await host.StateAsync("new-checkout", "staging")).Enabled);
    }

    /// <summary>Passes every call to the real repository, except state updates while <see cref="Down"/>.</summary>
    public class WritesFail : DispatchProxy
    {
        private IFlagRepository _inner = default!;
        private WritesFail _switch = default!;

        public bool Down { get; set; }

        public static IFlagRepository Wrap(IFlagRepository inner, WritesFail state)
        {
            var proxy = Create<IFlagRepository, WritesFail>();
            ((WritesFail)(object)proxy)._inner = inner;
            ((WritesFail)(object)proxy)._switch = state;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (_switch.Down && method!.Name == nameof(IFlagRepository.UpdateStateAsync))
            {
                return Task.FromException<FlagState>(new StoreUnavailableException(new IOException("connection refused")));
            }
            try
            {
                return method!.Invoke(_inner, args);
            }
            catch (TargetInvocationException e)
            {
                throw e.InnerException!;
            }
        }
    }
}
