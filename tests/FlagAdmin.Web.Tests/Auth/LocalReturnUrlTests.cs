using FlagAdmin.Web.Auth;

namespace FlagAdmin.Web.Tests.Auth;

public sealed class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/projects/shop/flags?q=a%2Fb")]
    public void Paths_on_this_site_are_kept(string url) => Assert.Equal(url, LocalReturnUrl.OrHome(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/ok\\..\\evil")]
    [InlineData("https://evil.example/")]
    [InlineData("evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\r\nSet-Cookie: x=1")]
    [InlineData("/\tx")]
    public void Anything_else_goes_home(string? url) => Assert.Equal("/", LocalReturnUrl.OrHome(url));
}
