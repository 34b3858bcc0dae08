using System.Text.Json;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Audit;

namespace FlagAdmin.Web.Audit;

/// <summary>
/// One entry of the account history in words: what happened (a user update named by what it changed) and which
/// account or token it concerns. <see cref="UserId"/> links to the user's page.
/// </summary>
public sealed record AccountHistoryEntry(AuditEntry Entry, string Label, string Subject, string? UserId)
{
    /// <summary>The actions filed under <see cref="UserAudit.ProjectKey"/>.</summary>
    public static readonly AuditAction[] Actions =
        [AuditAction.UserCreated, AuditAction.UserUpdated, AuditAction.AccessTokenCreated, AuditAction.AccessTokenRevoked];

    public static AccountHistoryEntry From(AuditEntry entry, IReadOnlyDictionary<string, User> usersById)
    {
        var before = AuditChanges.TryParseObject(entry.Before);
        var after = AuditChanges.TryParseObject(entry.After);
        var current = after ?? before;
        var userId = Text(current, "userId") ?? Text(current, "id");
        string subject;
        if (Text(current, "userId") is { } owner)
        {
            var ownerName = usersById.TryGetValue(owner, out var user) ? user.Email : owner;
            subject = $"token '{Text(current, "name")}' ({Text(current, "prefix")}…) of {ownerName}";
        }
        else
        {
            subject = Text(current, "email") ?? userId ?? "an unknown account";
        }
        var label = entry.Action == AuditAction.UserUpdated ? UpdateLabel(before, after) : AuditActionNames.Label(entry.Action);
        return new AccountHistoryEntry(entry, label, subject, userId is not null && usersById.ContainsKey(userId) ? userId : null);
    }

    /// <summary>
    /// "Role changed", "Deactivated", "Display name changed" … Passwords are never recorded, so an update that
    /// changed none of the recorded fields was a new password (or changed nothing), and says so.
    /// </summary>
    private static string UpdateLabel(JsonElement? before, JsonElement? after)
    {
        var parts = new List<string>();
        if (Text(before, "role") != Text(after, "role"))
        {
            parts.Add("Role changed");
        }
        if (Flag(before, "isActive") is { } wasActive && Flag(after, "isActive") is { } isActive && wasActive != isActive)
        {
            parts.Add(isActive ? "Reactivated" : "Deactivated");
        }
        if (Text(before, "displayName") != Text(after, "displayName"))
        {
            parts.Add("Display name changed");
        }
        if (Text(before, "email") != Text(after, "email"))
        {
            parts.Add("Email changed");
        }
        return parts.Count == 0 ? "Password reset or no visible change" : string.Join(", ", parts);
    }

    private static string? Text(JsonElement? value, string name) =>
        value is { } v && v.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    private static bool? Flag(JsonElement? value, string name) =>
        value is { } v && v.TryGetProperty(name, out var property) && property.ValueKind is JsonValueKind.True or JsonValueKind.False ? property.GetBoolean() : null;
}
