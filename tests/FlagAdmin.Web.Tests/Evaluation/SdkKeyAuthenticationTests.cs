using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Storage.Memory;
using FlagAdmin.Web.Evaluation;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace FlagAdmin.Web.Tests.Evaluation;

/// <summary>The key a connection authenticated with is remembered for it, and never outlives a revocation.</summary>
public sealed class SdkKeyAuthenticationTests
{
    private static readonly ChangeContext Admin = new("admin@example.com");

    [Fact]
    public async Task A_key_remembered_for_a_connection_is_refused_as_soon_as_it_is_revoked()
    {
        using var repository = new MemoryFlagRepository(TimeProvider.System);
        var cache = new SdkKeyCache(repository, TimeProvider.System);
        var keys = new SdkKeyService(repository, cache, TimeProvider.System);
        var flags = new FlagService(repository, repository);
        await flags.CreateProjectAsync(new NewProject("shop", "Shop"), Admin);
        await flags.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 1), Admin);
        var created = await keys.CreateAsync(new NewSdkKey("shop", "production", "web"), Admin);
        var connection = new ConnectionItems();

        var first = await SdkKeyAuthentication.AuthenticateAsync(Request(connection, created.Secret), cache);
        var second = await SdkKeyAuthentication.AuthenticateAsync(Request(connection, created.Secret), cache);
        var otherSecret = await SdkKeyAuthentication.AuthenticateAsync(Request(connection, "fa_sdk_made-up"), cache);
        await keys.RevokeAsync("shop", created.Key.Id, created.Key.Version, Admin);
        var afterRevocation = await SdkKeyAuthentication.AuthenticateAsync(Request(connection, created.Secret), cache);

        Assert.Equal(created.Key.Id, first?.Id);
        Assert.Same(first, second);
        Assert.Single(connection.Items);
        Assert.Null(otherSecret);
        Assert.Null(afterRevocation);
    }

    private static DefaultHttpContext Request(ConnectionItems connection, string secret)
    {
        var http = new DefaultHttpContext();
        http.Features.Set<IConnectionItemsFeature>(connection);
        http.Request.Headers.Authorization = $"Bearer {secret}";
        return http;
    }

    private sealed class ConnectionItems : IConnectionItemsFeature
    {
        public IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();
    }
}
