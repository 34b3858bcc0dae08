using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Auth;

/// <summary>The key sign-in, setup and users cases again, with users kept in PostgreSQL.</summary>
public sealed class SignInOnPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private async Task<FlagAdminFactory> HostWithAdminAsync() => AuthHost.WithAdmin(await postgres.CreateDatabaseAsync());

    [Fact]
    public async Task Signing_in_returns_you_to_where_you_were()
    {
        await using var factory = await HostWithAdminAsync();
        await SignInScenarios.SigningInReturnsYouToWhereYouWereAsync(factory);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_identical_answers()
    {
        await using var factory = await HostWithAdminAsync();
        await SignInScenarios.WrongPasswordAndUnknownEmailGetIdenticalAnswersAsync(factory);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_against_the_right_one_too()
    {
        await using var factory = await HostWithAdminAsync();
        await SignInScenarios.RepeatedFailuresLockTheAccountAsync(factory);
    }

    [Fact]
    public async Task The_setup_page_creates_the_first_admin_once_and_then_closes() =>
        await SetupScenarios.SetupWorksOnceThenClosesAsync(AuthHost.Postgres(await postgres.CreateDatabaseAsync()));
}
