using System.Net;
using System.Net.Http.Json;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui;

public sealed class FormBindingTests : IAsyncLifetime
{
    private readonly TestSite _site = new(FlagAdminFactory.Memory());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Theory]
    [InlineData("/projects/demo/flags/checkout/metadata")]
    [InlineData("/projects/demo/flags/checkout/panels/production")]
    public async Task A_form_endpoint_posted_json_answers_a_client_error_not_a_500(string path)
    {
        var client = _site.Client(Role.Admin);

        var response = await client.PostAsJsonAsync(path, new { name = "x" });

        Assert.InRange((int)response.StatusCode, 400, 499);
    }
}
