namespace FlagAdmin.Core.Users;

/// <summary>Password hashing, supplied by the host (the framework's <c>PasswordHasher&lt;T&gt;</c>); Core stays free of ASP.NET.</summary>
public interface IPasswordHashing
{
    string Hash(string password);

    /// <summary>True when <paramref name="password"/> matches <paramref name="hash"/>.</summary>
    bool Verify(string hash, string password);
}
