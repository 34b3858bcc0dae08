using System.Globalization;
using System.Security.Claims;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Http;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>
/// Handles one post of an environment panel, for the page (no JavaScript) and the htmx fragment alike: edits of
/// the rules list re-render the form without saving; "save" and "apply mine on top" write through FlagService;
/// "reload" shows what is stored now. Every outcome becomes a <see cref="PanelView"/>; nothing is written unless
/// the whole form is valid, confirmed where the environment asks for it, and based on the current version.
/// </summary>
public sealed class PanelEditor(FlagService flags)
{
    public const string Save = "save";
    public const string ApplyMine = "apply-mine";
    public const string Reload = "reload";
    public const string AddRule = "add-rule";
    public const string DeleteRule = "delete-rule";
    public const string MoveUp = "move-up";
    public const string MoveDown = "move-down";
    public const string AddCondition = "add-condition";
    public const string DeleteCondition = "delete-condition";

    public async Task<PanelView> HandleAsync(ClaimsPrincipal user, string projectKey, string flagKey, string environmentKey, IFormCollection posted, CancellationToken cancellationToken)
    {
        var found = await flags.GetFlagInProjectAsync(projectKey, flagKey, cancellationToken);
        var environment = found.Environment(environmentKey) ?? throw new NotFoundException("Environment", environmentKey);
        var stored = found.Details.StateIn(environmentKey) ?? throw new NotFoundException("Environment", environmentKey);
        var role = user.FlagAdminRole() ?? Role.Viewer;
        var view = PanelView.Of(found.Project, found.Details.Flag, environment, stored, role);
        var form = PanelForm.Parse(posted, stored);

        var (action, index, subIndex) = ParseAction(posted["action"].ToString());
        switch (action)
        {
            case Reload:
                return view with { Note = $"Showing the version saved by {stored.UpdatedBy} at {stored.UpdatedAt.ToString("u", CultureInfo.InvariantCulture)}." };
            case Save or ApplyMine:
                if (action == ApplyMine && uint.TryParse(posted["theirVersion"], NumberStyles.None, CultureInfo.InvariantCulture, out var theirs))
                {
                    form.Version = theirs;
                }
                return await SaveAsync(view with { Form = form }, user, cancellationToken);
            default:
                EditRules(form, action, index, subIndex);
                return view with { Form = form };
        }
    }

    private async Task<PanelView> SaveAsync(PanelView view, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var form = view.Form;
        if (view.Environment.Protected && !form.Confirmed)
        {
            return view with { Errors = new Dictionary<string, string[]> { ["confirmed"] = [$"{view.Environment.Name} is a protected environment: tick the box to confirm the change."] } };
        }
        var errors = new ValidationErrors();
        var update = form.ToUpdate(view.Stored, errors);
        try
        {
            errors.ThrowIfAny();
            var saved = await flags.UpdateStateAsync(update, user.ToChangeContext(form.Reason), cancellationToken);
            return Fresh(view, saved) with
            {
                Note = saved.Version == update.ExpectedVersion ? "Nothing to save: this is what is stored already." : $"Saved {view.Environment.Name}.",
            };
        }
        catch (ValidationException e)
        {
            return view with { Errors = e.Errors };
        }
        catch (VersionConflictException e) when (e.Current is FlagState current)
        {
            return view with { Stored = current, Conflict = new PanelConflict(current, e.ChangedBy ?? current.UpdatedBy, e.ChangedAt ?? current.UpdatedAt) };
        }
        catch (VersionConflictException e)
        {
            return view with { Problem = e.Message };
        }
        catch (StoreException e)
        {
            return view with { Problem = e.Message };
        }
        catch (ForbiddenException e)
        {
            return view with { Problem = e.Message, Refused = true };
        }
        catch (NotFoundException e)
        {
            return view with { Problem = e.Message };
        }
    }

    private static PanelView Fresh(PanelView view, FlagState state) =>
        view with { Stored = state, Form = PanelForm.FromState(state), Errors = new Dictionary<string, string[]>(), Conflict = null };

    /// <summary>"move-up:2" → (move-up, 2, -1); "delete-condition:1:0" → (delete-condition, 1, 0); nothing → save.</summary>
    private static (string Action, int Index, int SubIndex) ParseAction(string value)
    {
        var parts = value.Split(':');
        var index = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;
        var subIndex = parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var j) ? j : -1;
        return (parts[0] is "" ? Save : parts[0], index, subIndex);
    }

    // Index checks keep a hand-made post from throwing: an out-of-range button does nothing.
    private static void EditRules(PanelForm form, string action, int index, int subIndex)
    {
        var rules = form.Rules;
        var has = index >= 0 && index < rules.Count;
        switch (action)
        {
            case AddRule:
                rules.Add(new RuleForm { Variant = form.OnVariant, Conditions = [new ConditionForm()] });
                break;
            case DeleteRule when has:
                rules.RemoveAt(index);
                break;
            case MoveUp when has && index > 0:
                (rules[index - 1], rules[index]) = (rules[index], rules[index - 1]);
                break;
            case MoveDown when has && index < rules.Count - 1:
                (rules[index + 1], rules[index]) = (rules[index], rules[index + 1]);
                break;
            case AddCondition when has:
                rules[index].Conditions.Add(new ConditionForm());
                break;
            case DeleteCondition when has && subIndex >= 0 && subIndex < rules[index].Conditions.Count:
                rules[index].Conditions.RemoveAt(subIndex);
                break;
        }
    }
}
