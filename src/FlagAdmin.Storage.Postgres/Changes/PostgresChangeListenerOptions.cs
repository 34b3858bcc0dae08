namespace FlagAdmin.Storage.Postgres.Changes;

/// <summary>Timings of <see cref="PostgresChangeListener"/>; configuration section <c>Store:Postgres:ChangeListener</c>.</summary>
public sealed class PostgresChangeListenerOptions
{
    public const string Section = "Store:Postgres:ChangeListener";

    /// <summary>
    /// How long the listener waits for a notification before it reads the audit log anyway. Notifications
    /// make propagation fast; this bounds how late a change can be when one is lost.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait before the first attempt to reconnect; it doubles with every failed attempt.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts to reconnect.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long start-up waits to learn the change feed's position before the snapshot loads.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
