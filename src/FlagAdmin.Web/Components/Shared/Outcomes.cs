using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Web.Auth;
using MudBlazor;

namespace FlagAdmin.Web.Components.Shared;

/// <summary>
/// The one place where an interactive page turns what a service call did into what the user sees: the change context
/// from the user as stored now (<see cref="CurrentUser"/>), then success, field messages (<see cref="FormErrors"/>), a
/// conflict (the page's handler, usually <see cref="ConflictDialog"/>), a refusal, something gone, the database
/// being down or failing, each as a snackbar and, where it belongs to a form, next to the fields. Nothing else catches
/// FlagAdminExceptions in a page; unhandled ones while loading end in <see cref="PageBoundary"/>.
/// </summary>
public sealed class Outcomes(CurrentUser user, ISnackbar snackbar)
{
    public const string StoreDown = "The database is unavailable — your change was not saved.";

    /// <summary>
    /// Runs one write with the current user's change context and shows its outcome. True when it was saved; on any
    /// expected failure the page keeps what was typed.
    /// </summary>
    public async Task<bool> SaveAsync(Func<ChangeContext, Task> write, Save options)
    {
        try
        {
            await write(await user.ChangeAsync(options.Reason));
            options.Errors?.Clear();
            if (options.Saved is { } saved)
            {
                snackbar.Add(saved, Severity.Success);
            }
            return true;
        }
        catch (ValidationException e)
        {
            options.Errors?.Set(e);
            snackbar.Add($"Not saved: {e.Message}", Severity.Warning);
        }
        catch (AlreadyExistsException e)
        {
            var (field, message) = e.What == "User"
                ? ("email", $"{e.Key} already has an account.")
                : ("key", $"{e.What} key '{e.Key}' is already taken; choose another.");
            options.Errors?.Set(field, message);
            snackbar.Add($"Not saved: {message}", Severity.Warning);
        }
        catch (VersionConflictException e)
        {
            if (options.Conflict is { } handle)
            {
                await handle(e);
            }
            else
            {
                snackbar.Add($"Not saved: {e.Message} Reload to see the current version.", Severity.Warning);
            }
        }
        catch (ForbiddenException e)
        {
            snackbar.Add($"Not saved: {e.Message}", Severity.Error);
        }
        catch (NotFoundException e)
        {
            snackbar.Add($"Not saved: {e.What} '{e.Key}' no longer exists.", Severity.Error);
        }
        catch (StoreUnavailableException e) when (!e.MayHaveBeenSaved)
        {
            options.Errors?.SetStoreUnavailable();
            snackbar.Add(StoreDown, Severity.Error);
        }
        catch (StoreException e)
        {
            // Collided with concurrent changes, refused by the database, or lost during the commit: its sentence says which.
            options.Errors?.Set(FormErrors.Store, e.Message);
            snackbar.Add(e.Message, Severity.Error);
        }
        return false;
    }

    /// <summary>
    /// Re-reads what a page shows (after a live update, or on demand). While the database is down the page keeps what
    /// it shows and says so; false then.
    /// </summary>
    public async Task<bool> RefreshAsync(Func<Task> read)
    {
        try
        {
            await read();
            return true;
        }
        catch (StoreException e)
        {
            snackbar.Add(e is StoreUnavailableException
                ? "The database is unavailable; the page shows what was loaded before."
                : $"The page could not be read again ({e.Message}); it shows what was loaded before.", Severity.Warning);
            return false;
        }
    }
}

/// <summary>How <see cref="Outcomes.SaveAsync"/> reports one write.</summary>
/// <param name="Saved">The snackbar after success, e.g. "Project shop created."; null for none.</param>
/// <param name="Errors">The form whose fields show validation messages and the database being down.</param>
/// <param name="Reason">The reason the user gave for the change, if any.</param>
/// <param name="Conflict">What to do when someone else changed the same thing first (usually show <see cref="ConflictDialog"/>).</param>
public sealed record Save(string? Saved = null, FormErrors? Errors = null, string? Reason = null, Func<VersionConflictException, Task>? Conflict = null);
