namespace FlagAdmin.Testing.Postgres;

/// <summary>
/// Makes PostgreSQL fail on purpose, for tests of what callers see: a trigger on the audit rows (every write appends
/// one) does something bad the first N times it fires, and counts every firing in a sequence, which rollbacks leave alone.
/// </summary>
public static class ProvokedFailures
{
    /// <summary>Raises <paramref name="sqlState"/> while an audit row is appended, the first <paramref name="times"/> times.</summary>
    public static Task RaiseOnAuditAsync(string connectionString, string sqlState, int times = int.MaxValue) =>
        OnAuditAsync(connectionString, $"RAISE EXCEPTION 'provoked by the test' USING ERRCODE = '{sqlState}';", times, atCommit: false);

    /// <summary>
    /// Ends the session from inside it (57P01, as an operator or a restart ends it) the first <paramref name="times"/>
    /// times an audit row is appended; <paramref name="atCommit"/>: not then but when its transaction commits.
    /// </summary>
    public static Task TerminateOnAuditAsync(string connectionString, int times, bool atCommit = false) =>
        OnAuditAsync(connectionString, "PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(10);", times, atCommit);

    /// <summary>Counts the firings from zero again, so the trigger misbehaves as many times again.</summary>
    public static Task RearmAsync(string connectionString) => PostgresFixture.ExecuteAsync(connectionString, "ALTER SEQUENCE firings RESTART");

    /// <summary>How many times the trigger fired, rolled back or not.</summary>
    public static async Task<long> FiringsAsync(string connectionString) =>
        (long)(await PostgresFixture.ScalarAsync(connectionString, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM firings"))!;

    /// <summary>Takes the trigger away; writes succeed again.</summary>
    public static Task StopAsync(string connectionString) =>
        PostgresFixture.ExecuteAsync(connectionString, "DROP TRIGGER provoke ON audit_entries; DROP FUNCTION provoke(); DROP SEQUENCE firings;");

    private static Task OnAuditAsync(string connectionString, string action, int times, bool atCommit)
    {
        var trigger = atCommit
            ? "CREATE CONSTRAINT TRIGGER provoke AFTER INSERT ON audit_entries DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION provoke();"
            : "CREATE TRIGGER provoke BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION provoke();";
        return PostgresFixture.ExecuteAsync(connectionString, $"""
            CREATE SEQUENCE firings;
            CREATE FUNCTION provoke() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('firings') <= {times} THEN
                    {action}
                END IF;
                RETURN NEW;
            END $$;
            {trigger}
            """);
    }
}
