using System.Collections.Concurrent;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Storage.Memory;

/// <summary>
/// Users and access tokens in memory, immutable records behind concurrent dictionaries: readers take no lock,
/// writers hold the repository's write lock.
/// </summary>
internal sealed class MemoryUsers
{
    public ConcurrentDictionary<string, User> ById { get; } = new(StringComparer.Ordinal);

    /// <summary>Normalized email to user id.</summary>
    public ConcurrentDictionary<string, string> IdsByEmail { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, AccessToken> TokensById { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, AccessToken> TokensByHash { get; } = new(StringComparer.Ordinal);

    /// <summary>The audit entries of user and token changes, oldest first; read and appended under the repository's audit lock.</summary>
    public List<MemoryAuditRecord> Audit { get; } = [];

    public void Put(User user)
    {
        ById[user.Id] = user;
        IdsByEmail[user.Email] = user.Id;
    }

    public void Put(AccessToken token)
    {
        TokensById[token.Id] = token;
        TokensByHash[token.SecretHash] = token;
    }
}
