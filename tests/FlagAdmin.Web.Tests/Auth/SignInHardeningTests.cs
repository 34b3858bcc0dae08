using System.Collections.Concurrent;
using System.Net;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlagAdmin.Web.Tests.Auth;

public sealed class SignInHardeningTests
{
    [Fact]
    public async Task Too_many_sign_in_posts_from_one_address_get_429_with_Retry_After_while_the_page_still_loads()
    {
        await using var factory = AuthHost.WithAdmin(null, ("Auth:SignIn:PermitsPerMinute", "3"));
        var browser = new Browser(factory);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.SignInAsync($"guess{attempt}@example.com", "some guessed password")).StatusCode);
        }

        var limited = await browser.SignInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        Assert.Null((await UsersPageScenarios.FindAsync(factory, AuthHost.AdminEmail)).LastSignInAt);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/signin")).StatusCode);
    }

    [Fact]
    public async Task No_password_appears_in_the_logs_or_in_any_page()
    {
        var logs = new CapturedLogs();
        await using var host = AuthHost.WithAdmin();
        await using var factory = host.WithWebHostBuilder(builder => builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(logs);
        }));
        var pages = new List<string>();
        var anonymous = new Browser(factory);
        pages.Add(await (await anonymous.SignInAsync(AuthHost.AdminEmail, "a wrong password typed")).Content.ReadAsStringAsync());
        pages.Add(await (await anonymous.SignInAsync("nobody@example.com", "another wrong password")).Content.ReadAsStringAsync());
        var admin = await new Browser(factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);
        // The users pages are interactive: they add a user and reset a password through UserService, as here.
        var users = factory.Services.GetRequiredService<UserService>();
        var adminChange = new ChangeContext(AuthHost.AdminEmail);
        await Assert.ThrowsAsync<ValidationException>(() => users.CreateUserAsync(new NewUser("new@example.com", "New", Role.Viewer, "too short"), adminChange));
        var user = await users.CreateUserAsync(new NewUser("new@example.com", "New", Role.Viewer, "new user's initial password"), adminChange);
        pages.Add(await (await admin.GetAsync("/users")).Content.ReadAsStringAsync());
        await Assert.ThrowsAsync<ValidationException>(() => users.UpdateUserAsync(new UserUpdate { Id = user.Id, ExpectedVersion = user.Version, NewPassword = "tiny" }, adminChange));
        await users.UpdateUserAsync(new UserUpdate { Id = user.Id, ExpectedVersion = user.Version, NewPassword = "the reset password here" }, adminChange);
        pages.Add(await (await admin.GetAsync($"/users/{user.Id}")).Content.ReadAsStringAsync());
        user = await UsersPageScenarios.FindAsync(factory, "new@example.com");

        Assert.NotEmpty(logs.Messages);
        string[] passwords = [AuthHost.AdminPassword, "a wrong password typed", "another wrong password", "too short", "new user's initial password", "tiny", "the reset password here"];
        foreach (var password in passwords)
        {
            Assert.DoesNotContain(logs.Messages, message => message.Contains(password, StringComparison.Ordinal));
            Assert.DoesNotContain(pages, page => page.Contains(password, StringComparison.Ordinal) || page.Contains(WebUtility.HtmlEncode(password), StringComparison.Ordinal));
        }
        Assert.DoesNotContain(logs.Messages, message => message.Contains(user.PasswordHash, StringComparison.Ordinal));
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(pair => $"{pair.Key}={pair.Value}")) : "";
                logs.Messages.Enqueue($"{category} {formatter(state, exception)} {structured} {exception}");
            }
        }
    }
}
