using FlagAdmin.Core.Common;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Core.Tests.Users;

/// <summary>A <see cref="UserService"/> on an empty memory store, with a clock the test moves and a hasher that counts checks.</summary>
public sealed class UserServiceFixture : IDisposable
{
    public const string AdminPassword = "admin password phrase";

    public TestClock Time { get; } = new();
    public CountingHashing Hashing { get; } = new();
    public MemoryFlagRepository Store { get; }
    public UserService Users { get; }

    public UserServiceFixture()
    {
        Store = new MemoryFlagRepository(Time);
        Users = new UserService(Store, Hashing, Time, Store);
    }

    public static ChangeContext As(User user) => new(user.Email, null, user.Role);

    public Task<User> FirstAdminAsync(string email = "admin@example.com") =>
        Users.CreateFirstAdminAsync(new NewUser(email, "Admin", Role.Admin, AdminPassword), "test");

    public async Task<User> UserAsync(User admin, string email, Role role, string password = "a long enough password") =>
        await Users.CreateUserAsync(new NewUser(email, "", role, password), As(admin));

    public void Dispose() => Store.Dispose();
}

public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>A transparent, fast stand-in for PBKDF2 that counts how often a password is checked.</summary>
public sealed class CountingHashing : IPasswordHashing
{
    public int Verifications { get; private set; }

    public string Hash(string password) => "hashed:" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(password));

    public bool Verify(string hash, string password)
    {
        Verifications++;
        return hash == Hash(password);
    }
}
