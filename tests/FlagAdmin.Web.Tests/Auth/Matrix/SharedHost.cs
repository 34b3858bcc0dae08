namespace FlagAdmin.Web.Tests.Auth.Matrix;

/// <summary>One site for all cells of a test class (each cell gets its own project), started by the first cell.</summary>
public sealed class SharedHost : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TestSite? _site;

    public async Task<TestSite> GetAsync(Func<Task<FlagAdminFactory>> start)
    {
        await _gate.WaitAsync();
        try
        {
            if (_site is null)
            {
                _site = new TestSite(await start());
                _ = _site.Services; // starts the host now, inside the gate
            }
            return _site;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
        _gate.Dispose();
    }
}
