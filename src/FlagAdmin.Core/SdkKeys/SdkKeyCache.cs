using System.Collections.Concurrent;

namespace FlagAdmin.Core.SdkKeys;

/// <summary>
/// Answers "which environment may this secret read?" without a database round trip per request.
/// Known keys stay cached until <see cref="Forget"/> (called when a key is created or revoked, here or,
/// through the change listener, in another process); unknown secrets are remembered briefly so a
/// client retrying a wrong key cannot turn every request into a database query.
/// </summary>
public sealed class SdkKeyCache(ISdkKeyRepository repository, TimeProvider time)
{
    private static readonly TimeSpan UnknownSecretLifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>
    /// Rises whenever something is forgotten. A caller that remembers a key it found (e.g. per connection) may
    /// reuse it only while the generation is the one read before it looked the key up.
    /// </summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>The key for <paramref name="secret"/>, or null when there is none (revoked keys are returned: the caller decides).</summary>
    public async ValueTask<SdkKey?> FindAsync(string secret, CancellationToken cancellationToken = default)
    {
        var hash = SdkKeySecrets.Hash(secret);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(hash, out var entry) && (entry.Key is not null || entry.Until > now))
        {
            return entry.Key;
        }
        var key = await repository.FindSdkKeyByHashAsync(hash, cancellationToken);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[hash] = new Entry(key, now + UnknownSecretLifetime);
        return key;
    }

    /// <summary>Drops what is known about one secret hash; the next request reads the store.</summary>
    public void Forget(string secretHash)
    {
        _entries.TryRemove(secretHash, out _);
        Interlocked.Increment(ref _generation);
    }

    /// <summary>Drops everything, e.g. after the change listener reconnects and may have missed revocations.</summary>
    public void Clear()
    {
        _entries.Clear();
        Interlocked.Increment(ref _generation);
    }

    private sealed record Entry(SdkKey? Key, DateTimeOffset Until);
}
