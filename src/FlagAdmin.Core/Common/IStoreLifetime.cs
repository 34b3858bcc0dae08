using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Common;

/// <summary>
/// The store as a whole, beside its repositories: a health call and a close. Both stores implement it on the same object
/// as their repositories.
/// </summary>
public interface IStoreLifetime
{
    /// <summary>
    /// Proves the store answers now (on PostgreSQL a round trip to the server); throws <see cref="StoreUnavailableException"/>
    /// when it does not, or once it is closed.
    /// </summary>
    Task PingAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for the calls in progress to finish, then closes what the store holds open (the memory store's data file,
    /// flushed; PostgreSQL's pooled connections), so nothing is left half-written. Later calls throw
    /// <see cref="StoreUnavailableException"/> and change nothing. Closing again does nothing.
    /// </summary>
    ValueTask CloseAsync();
}
