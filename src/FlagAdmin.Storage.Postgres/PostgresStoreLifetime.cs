using FlagAdmin.Core.Common;
using FlagAdmin.Storage.Postgres.Changes;

namespace FlagAdmin.Storage.Postgres;

/// <summary>
/// The PostgreSQL store as a whole: the repository and the two connections of its own that keep processes in step
/// (<see cref="PostgresChangeListener"/> and <see cref="ChangeSignal"/>). A close stops both, so no connection of the
/// store stays open, then closes the repository.
/// </summary>
public sealed class PostgresStoreLifetime(EfFlagRepository repository, PostgresChangeListener listener, ChangeSignal signal) : IStoreLifetime
{
    public Task PingAsync(CancellationToken cancellationToken = default) => repository.PingAsync(cancellationToken);

    public async ValueTask CloseAsync()
    {
        await listener.StopAsync(CancellationToken.None);
        await signal.StopAsync(CancellationToken.None);
        await repository.CloseAsync();
    }
}
