namespace FlagAdmin.Core.Common;

public static class Clock
{
    /// <summary>
    /// The current UTC time cut to whole microseconds: PostgreSQL stores no finer, and both stores
    /// must hand back the same timestamp they were given.
    /// </summary>
    public static DateTimeOffset UtcNowMicroseconds(this TimeProvider time) => ToMicroseconds(time.GetUtcNow());

    public static DateTimeOffset ToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
}
