namespace FlagAdmin.Core.Common;

/// <summary>Who makes a change and, optionally, why. Every write carries one; it ends up in the audit entry.</summary>
public sealed record ChangeContext(string Actor, string? Reason = null)
{
    public string Actor { get; } = string.IsNullOrWhiteSpace(Actor)
        ? throw new ArgumentException("A change needs an actor.", nameof(Actor))
        : Actor.Trim();

    public string? Reason { get; } = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim();
}
