using FlagAdmin.Web.Auth;

namespace FlagAdmin.Web.Tests.Auth;

public sealed class PasswordHashingTests
{
    private readonly PasswordHashing _hashing = new();

    [Fact]
    public void A_hash_verifies_its_password_only_and_is_salted()
    {
        var hash = _hashing.Hash("correct horse battery staple");

        Assert.True(_hashing.Verify(hash, "correct horse battery staple"));
        Assert.False(_hashing.Verify(hash, "correct horse battery stapler"));
        Assert.DoesNotContain("horse", hash);
        Assert.NotEqual(hash, _hashing.Hash("correct horse battery staple"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("AQAAAA==")]
    public void A_damaged_or_empty_hash_verifies_nothing(string hash) =>
        Assert.False(_hashing.Verify(hash, "anything"));
}
