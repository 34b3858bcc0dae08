using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Web.Api.Http;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlagAdmin.Web.Api.States;

/// <summary>
/// A flag's state per environment: read all or one, replace one (PUT) or change part of it (PATCH). Each state
/// has its own version (ETag), so writes to different environments of a flag never conflict. An Editor may
/// change only <c>enabled</c>; everything else needs an Admin (FlagService decides, 403 otherwise).
/// </summary>
public static class StateEndpoints
{
    public static RouteGroupBuilder MapStateEndpoints(this RouteGroupBuilder api)
    {
        var states = api.MapGroup("/projects/{project}/flags/{flag}/environments");
        states.MapGet("", ListAsync).WithName("ListFlagStates");
        states.MapGet("/{environment}", GetAsync).WithName("GetFlagState");
        states.MapPut("/{environment}", ReplaceAsync).WithName("ReplaceFlagState").WithIfMatch();
        states.MapPatch("/{environment}", PatchAsync).WithName("PatchFlagState").WithIfMatch();
        return api;
    }

    private static async Task<Ok<List<StateDto>>> ListAsync(string project, string flag, FlagService flags, CancellationToken cancellationToken) =>
        TypedResults.Ok((await flags.GetFlagAsync(project, flag, cancellationToken)).States.Select(StateDto.From).ToList());

    private static async Task<Ok<StateDto>> GetAsync(string project, string flag, string environment, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var state = await FindAsync(flags, project, flag, environment, cancellationToken);
        Versions.SetETag(http, state.Version);
        return TypedResults.Ok(StateDto.From(state));
    }

    private static async Task<Ok<StateDto>> ReplaceAsync(string project, string flag, string environment, JsonBody<ReplaceStateRequest> body, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var expected = Versions.RequireIfMatch(http.Request);
        var change = http.User.ToChangeContext(ChangeReason.From(http.Request, body.Value));
        var request = body.Value;
        var errors = new ValidationErrors();
        Percentage.TryFromPercent(request.RolloutPercent, out var rollout, out var problem);
        errors.Add("rolloutPercent", problem is null ? null : $"The rollout {problem}.");
        var rules = RuleMapping.ToDomain(request.Rules, errors);
        errors.ThrowIfAny();
        var updated = await flags.UpdateStateAsync(new FlagStateUpdate
        {
            ProjectKey = project,
            FlagKey = flag,
            EnvironmentKey = environment,
            ExpectedVersion = expected,
            Enabled = request.Enabled,
            RolloutBasisPoints = rollout.BasisPoints,
            OnVariant = request.OnVariant,
            OffVariant = request.OffVariant,
            Rules = rules,
            Config = ConfigText(request.Config),
        }, change, cancellationToken);
        Versions.SetETag(http, updated.Version);
        return TypedResults.Ok(StateDto.From(updated));
    }

    private static async Task<Ok<StateDto>> PatchAsync(string project, string flag, string environment, JsonBody<PatchStateRequest> body, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var expected = Versions.RequireIfMatch(http.Request);
        var change = http.User.ToChangeContext(ChangeReason.From(http.Request, body.Value));
        var request = body.Value;
        var errors = new ValidationErrors();
        int? rollout = null;
        if (request.RolloutPercent is { } percent)
        {
            rollout = Percentage.TryFromPercent(percent, out var valid, out var problem) ? valid.BasisPoints : null;
            errors.Add("rolloutPercent", problem is null ? null : $"The rollout {problem}.");
        }
        var rules = RuleMapping.ToDomain(request.Rules, errors);
        errors.ThrowIfAny();
        var current = FlagStateUpdate.From(await FindAsync(flags, project, flag, environment, cancellationToken));
        var updated = await flags.UpdateStateAsync(current with
        {
            ExpectedVersion = expected,
            Enabled = request.Enabled ?? current.Enabled,
            RolloutBasisPoints = rollout ?? current.RolloutBasisPoints,
            OnVariant = request.OnVariant ?? current.OnVariant,
            OffVariant = request.OffVariant ?? current.OffVariant,
            Rules = request.Rules is null ? current.Rules : rules,
            Config = request.Config.ValueKind == JsonValueKind.Undefined ? current.Config : ConfigText(request.Config),
        }, change, cancellationToken);
        Versions.SetETag(http, updated.Version);
        return TypedResults.Ok(StateDto.From(updated));
    }

    private static string? ConfigText(JsonElement? config) =>
        config is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value ? value.GetRawText() : null;

    private static async Task<FlagState> FindAsync(FlagService flags, string project, string flag, string environment, CancellationToken cancellationToken) =>
        (await flags.GetFlagAsync(project, flag, cancellationToken)).StateIn(environment)
        ?? throw new NotFoundException("Environment", environment);
}
