using FlagAdmin.Core.Users;

namespace FlagAdmin.Core.Common;

/// <summary>
/// Who makes a change, with which role, through what, and optionally why. Every write carries one; it ends up
/// in the audit entry, and FlagService checks <see cref="Role"/> before anything is written.
/// </summary>
/// <remarks>
/// <see cref="Role"/> defaults to Admin for the process itself (seeding, start-up, tests of the store);
/// every entry point a person or token reaches builds its context from the signed-in principal instead.
/// </remarks>
public sealed record ChangeContext(string Actor, string? Reason = null, Role Role = Role.Admin, string? Via = null)
{
    public string Actor { get; } = string.IsNullOrWhiteSpace(Actor)
        ? throw new ArgumentException("A change needs an actor.", nameof(Actor))
        : Actor.Trim();

    public string? Reason { get; } = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim();

    /// <summary>How the actor reached FlagAdmin when not through the browser, e.g. <c>token 'ci-deploy'</c>.</summary>
    public string? Via { get; } = string.IsNullOrWhiteSpace(Via) ? null : Via.Trim();
}
