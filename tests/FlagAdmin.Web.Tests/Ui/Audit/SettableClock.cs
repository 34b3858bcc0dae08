namespace FlagAdmin.Web.Tests.Ui.Audit;

/// <summary>A clock a test sets by hand, so audit entries get times the test chooses.</summary>
public sealed class SettableClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
