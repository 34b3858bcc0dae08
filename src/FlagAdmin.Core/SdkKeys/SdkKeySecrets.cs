using System.Security.Cryptography;
using System.Text;

namespace FlagAdmin.Core.SdkKeys;

/// <summary>
/// Makes and checks SDK key secrets. Secrets carry 256 random bits, so a plain SHA-256 is a safe way
/// to store them (no salt or slow hash needed: there is no small space of guesses to search) and fast
/// enough to check on every evaluation request.
/// </summary>
public static class SdkKeySecrets
{
    public const string SecretPrefix = "fa_sdk_";
    private const int VisiblePrefixLength = 12;

    public static (string Id, string Secret) Generate()
    {
        var id = "sdk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (id, secret);
    }

    public static string Hash(ReadOnlySpan<char> secret)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(secret.Length, 256))];
        if (secret.Length > 256)
        {
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret.ToString())));
        }
        var length = Encoding.UTF8.GetBytes(secret, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        return Convert.ToHexStringLower(hash);
    }

    public static string VisiblePrefix(string secret) => secret[..Math.Min(VisiblePrefixLength, secret.Length)];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
