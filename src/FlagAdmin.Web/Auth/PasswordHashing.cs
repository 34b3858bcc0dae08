using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace FlagAdmin.Web.Auth;

/// <summary>
/// <see cref="IPasswordHashing"/> with the framework's <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted, the
/// iteration count in the hash's header, so older hashes keep verifying after the framework raises it).
/// </summary>
public sealed class PasswordHashing : IPasswordHashing
{
    // PasswordHasher ignores the user object; one placeholder serves every call.
    private static readonly object Nobody = new();
    private readonly PasswordHasher<object> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    public bool Verify(string hash, string password)
    {
        if (string.IsNullOrEmpty(hash))
        {
            return false;
        }
        try
        {
            return _hasher.VerifyHashedPassword(Nobody, hash, password) != PasswordVerificationResult.Failed;
        }
        catch (FormatException)
        {
            // A damaged stored hash verifies nothing rather than failing the request.
            return false;
        }
    }
}
