using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Auth.Matrix;

/// <summary>
/// One state-changing page form or endpoint of the admin UI: the form as an Admin's browser would fill it in
/// (<see cref="Build"/>), the least role allowed to send it, and a look at the part of the store it changes.
/// </summary>
/// <param name="ChangesStore">Whether an allowed post must change <see cref="Snapshot"/> (false for a post that only reads).</param>
/// <param name="Refusal">How a role below <see cref="Minimal"/> is turned away; the store stays unchanged either way.</param>
public sealed record StateChange(
    string Name,
    Role Minimal,
    bool Htmx,
    Func<MatrixSite, Task<MatrixPost>> Build,
    Func<MatrixSite, Task<string>> Snapshot,
    bool ChangesStore = true,
    Refusal Refusal = Refusal.Forbidden);

/// <summary>The ways the app turns away a role that may not make a change.</summary>
public enum Refusal
{
    /// <summary>403 with the status page.</summary>
    Forbidden,
}

/// <summary>A filled-in form and where it goes; the sender's own antiforgery token is put in when it is sent. With <see cref="Get"/> a plain GET of <see cref="Url"/> (a read that must still be guarded).</summary>
public sealed record MatrixPost(string Url, IReadOnlyList<KeyValuePair<string, string>> Fields, bool Get = false);
