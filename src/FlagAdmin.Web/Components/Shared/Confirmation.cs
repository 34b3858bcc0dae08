using FlagAdmin.Core.Errors;
using MudBlazor;

namespace FlagAdmin.Web.Components.Shared;

/// <summary>What <see cref="ConfirmDialog"/> asks.</summary>
/// <param name="Title">The dialog's heading, e.g. "Turn new-checkout on in Production?".</param>
/// <param name="Message">What will happen, in a sentence.</param>
/// <param name="Action">The confirming button's text, e.g. "Turn on".</param>
/// <param name="AskReason">Offer a reason field (for the audit trail).</param>
/// <param name="RequireReason">The reason must not be empty (a project requiring reasons in protected environments).</param>
/// <param name="Destructive">The action removes something: the button is red.</param>
public sealed record Confirmation(string Title, string Message, string Action, bool AskReason = false, bool RequireReason = false, bool Destructive = false);

/// <summary>The user's answer to a <see cref="Confirmation"/>; the reason is null when none was asked or given.</summary>
public sealed record Confirmed(string? Reason);

/// <summary>One row of <see cref="ConflictDialog"/>: a field, what is saved now, and what the user tried to save.</summary>
public sealed record ConflictRow(string Field, string Theirs, string Yours);

/// <summary>How the user resolves a conflict.</summary>
public enum ConflictChoice
{
    /// <summary>Closed the dialog: the form stays as typed, nothing is saved.</summary>
    KeepEditing,

    /// <summary>Drop their own edit and show what is saved now.</summary>
    ReloadTheirs,

    /// <summary>Save their own values again on top of the saved version.</summary>
    ApplyMine,
}

public static class Dialogs
{
    /// <summary>Asks to confirm; null when the user cancels (Escape, Cancel or the close button).</summary>
    public static async Task<Confirmed?> ConfirmAsync(this IDialogService dialogs, Confirmation confirmation)
    {
        var parameters = new DialogParameters<ConfirmDialog> { { d => d.Confirmation, confirmation } };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(confirmation.Title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: Confirmed confirmed } ? confirmed : null;
    }

    /// <summary>Shows someone else's saved version against the user's (who, when, field by field) and asks what to do.</summary>
    public static async Task<ConflictChoice> ResolveConflictAsync(this IDialogService dialogs, VersionConflictException conflict, IReadOnlyList<ConflictRow> rows)
    {
        var parameters = new DialogParameters<ConflictDialog>
        {
            { d => d.Conflict, conflict },
            { d => d.Rows, rows },
        };
        var dialog = await dialogs.ShowAsync<ConflictDialog>("Someone else changed this", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: ConflictChoice choice } ? choice : ConflictChoice.KeepEditing;
    }
}
