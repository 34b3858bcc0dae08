using System.Security.Cryptography;
using System.Text;

namespace FlagAdmin.Core.Users;

/// <summary>
/// Makes and checks personal access token secrets: <c>fa_pat_</c> and 256 random bits. With that much
/// randomness a plain SHA-256 is a safe way to store them (there is no small space of guesses to search).
/// </summary>
public static class AccessTokenSecrets
{
    public const string SecretPrefix = "fa_pat_";
    private const int VisiblePrefixLength = 12;
    private const int MaxSecretLength = 256;

    public static (string Id, string Secret) Generate()
    {
        var id = "pat_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, secret);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string VisiblePrefix(string secret) => secret[..Math.Min(VisiblePrefixLength, secret.Length)];

    /// <summary>True when <paramref name="value"/> could be a token secret at all (cheap check before any lookup).</summary>
    public static bool LooksLikeSecret(string? value) =>
        value is { Length: > 7 and <= MaxSecretLength } && value.StartsWith(SecretPrefix, StringComparison.Ordinal);
}
