namespace FlagAdmin.Web.Tests.Auth.Matrix;

/// <summary>One host for all cells of a test class (each cell gets its own project), started by the first cell.</summary>
public sealed class SharedHost : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FlagAdminFactory? _factory;

    public async Task<FlagAdminFactory> GetAsync(Func<Task<FlagAdminFactory>> start)
    {
        await _gate.WaitAsync();
        try
        {
            if (_factory is null)
            {
                _factory = await start();
                _ = _factory.Server; // starts the host now, inside the gate
            }
            return _factory;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        _gate.Dispose();
    }
}
