using System.Net;
using System.Net.Http.Json;
using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FlagAdmin.Web.Tests.Ui;

public sealed class FormBindingTests : IAsyncLifetime
{
    private readonly FlagAdminFactory _factory = FlagAdminFactory.Memory();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("/projects/demo/flags/checkout/metadata")]
    [InlineData("/projects/demo/flags/checkout/panels/production")]
    public async Task A_form_endpoint_posted_json_answers_a_client_error_not_a_500(string path)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).As(Role.Admin);

        var response = await client.PostAsJsonAsync(path, new { name = "x" });

        Assert.InRange((int)response.StatusCode, 400, 499);
    }
}
