using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;

namespace FlagAdmin.Core.Transfer;

/// <summary>
/// The difference between a document and the target project, validated as a whole before anything is written
/// (see <see cref="ProjectImporter"/>). Field errors are keyed by their place in the document, e.g.
/// <c>flags[2].environments.production.rollout</c>.
/// </summary>
internal sealed class ImportPlan
{
    private readonly string _projectKey;
    private readonly ProjectDocument _document;
    private Project? _project;
    private ImportOutcome _projectOutcome;
    private readonly List<EnvironmentStep> _environments = [];
    private IReadOnlyList<ProjectEnvironment> _currentEnvironments = [];
    private string? _fingerprint;
    private readonly List<FlagStep> _flags = [];

    private ImportPlan(string projectKey, ProjectDocument document)
    {
        _projectKey = projectKey;
        _document = document;
    }

    public int Writes =>
        (_projectOutcome == ImportOutcome.Unchanged ? 0 : 1)
        + _environments.Count(e => e.Outcome != ImportOutcome.Unchanged)
        + _flags.Sum(f => f.Writes);

    public static async Task<ImportPlan> BuildAsync(FlagService flags, string projectKey, ProjectDocument document, CancellationToken cancellationToken)
    {
        if (document.FormatVersion != ProjectDocument.CurrentFormatVersion)
        {
            throw new ValidationException("formatVersion", $"This FlagAdmin reads format version {ProjectDocument.CurrentFormatVersion}, not {document.FormatVersion}.");
        }
        var plan = new ImportPlan(projectKey, document);
        var errors = new ValidationErrors();
        await plan.PlanProjectAsync(flags, errors, cancellationToken);
        var environmentKeys = await plan.PlanEnvironmentsAsync(flags, errors, cancellationToken);
        await plan.PlanFlagsAsync(flags, environmentKeys, errors, cancellationToken);
        errors.ThrowIfAny();
        return plan;
    }

    public ImportReport Report(bool dryRun)
    {
        var environments = _environments.Select(e => new EnvironmentImport(e.Document.Key, e.Outcome)).ToList();
        var flags = _flags.Select(f => new FlagImport(f.Key, f.Outcome, f.States.Select(s => new EnvironmentImport(s.EnvironmentKey, s.Outcome)).ToList())).ToList();
        var protectedAfter = _currentEnvironments.Where(e => e.Protected && _environments.All(d => d.Document.Key != e.Key)).Select(e => e.Key)
            .Concat(_environments.Where(e => e.Document.Protected).Select(e => e.Document.Key))
            .ToList();
        var protectedBefore = _currentEnvironments.Where(e => e.Protected).Select(e => e.Key);
        var changed = environments.Concat(flags.SelectMany(f => f.Environments))
            .Where(e => e.Outcome != ImportOutcome.Unchanged)
            .Select(e => e.Key)
            .Intersect(protectedAfter.Concat(protectedBefore), StringComparer.Ordinal)
            .ToList();
        return new ImportReport(dryRun, _projectOutcome, environments, flags, Writes, Fingerprint)
        {
            ProtectedEnvironments = protectedAfter,
            ProtectedEnvironmentsChanged = changed,
        };
    }

    /// <summary>
    /// What the plan is a function of: the document (its export time aside), the target's key and the version of
    /// everything it read there. Equal fingerprints mean the same writes from the same state.
    /// </summary>
    public string Fingerprint => _fingerprint ??= ComputeFingerprint();

    private string ComputeFingerprint()
    {
        var basis = new StringBuilder(TransferJson.Write(_document with { ExportedAt = null }));
        basis.Append('\n').Append(_projectKey).Append('@').Append(_project?.Version.ToString(CultureInfo.InvariantCulture) ?? "new");
        foreach (var environment in _currentEnvironments)
        {
            basis.Append('\n').Append(environment.Key).Append('@').Append(environment.Version.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var flag in _flags)
        {
            basis.Append('\n').Append(flag.Basis);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(basis.ToString())))[..32];
    }

    /// <summary>Writes the plan in one transaction; a version that moved since planning is a conflict, and nothing is written.</summary>
    public Task ApplyAsync(FlagService flags, ChangeContext change, CancellationToken cancellationToken) =>
        flags.InTransactionAsync(async (transaction, ct) =>
        {
            var project = _document.Project;
            if (_project is null)
            {
                await transaction.CreateProjectAsync(new NewProject(_projectKey, project.Name, project.RequireReasonInProtectedEnvironments), change, ct);
            }
            else if (_projectOutcome == ImportOutcome.Changed)
            {
                await transaction.UpdateProjectAsync(new ProjectUpdate(_projectKey, _project.Version, project.Name, project.RequireReasonInProtectedEnvironments), change, ct);
            }
            foreach (var step in _environments.Where(e => e.Outcome != ImportOutcome.Unchanged))
            {
                var e = step.Document;
                if (step.Current is null)
                {
                    await transaction.CreateEnvironmentAsync(new NewEnvironment(_projectKey, e.Key, e.Name, e.Order, e.Protected), change, ct);
                }
                else
                {
                    await transaction.UpdateEnvironmentAsync(new EnvironmentUpdate(_projectKey, e.Key, step.Current.Version, e.Name, e.Order, e.Protected), change, ct);
                }
            }
            foreach (var step in _flags.Where(f => f.Writes > 0))
            {
                await step.ApplyAsync(transaction, _projectKey, change, ct);
            }
            return Writes;
        }, cancellationToken);

    private async Task PlanProjectAsync(FlagService flags, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var project = _document.Project;
        _project = await FindAsync(() => flags.GetProjectAsync(_projectKey, cancellationToken));
        Collect(errors, "project.", () => ProjectValidator.Validate(new NewProject(_projectKey, project.Name?.Trim() ?? "", project.RequireReasonInProtectedEnvironments)));
        _projectOutcome = _project is null ? ImportOutcome.Created
            : _project.Name != project.Name?.Trim() || _project.RequireReasonInProtectedEnvironments != project.RequireReasonInProtectedEnvironments ? ImportOutcome.Changed
            : ImportOutcome.Unchanged;
    }

    private async Task<HashSet<string>> PlanEnvironmentsAsync(FlagService flags, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var current = _project is null ? [] : await flags.ListEnvironmentsAsync(_projectKey, cancellationToken);
        _currentEnvironments = current;
        var keys = current.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _document.Environments.Count; i++)
        {
            var e = _document.Environments[i] with { Key = _document.Environments[i].Key?.Trim() ?? "", Name = _document.Environments[i].Name?.Trim() ?? "" };
            if (!seen.Add(e.Key))
            {
                errors.Add($"environments[{i}].key", $"Environment '{e.Key}' appears twice.");
            }
            Collect(errors, $"environments[{i}].", () => ProjectValidator.Validate(new NewEnvironment(_projectKey, e.Key, e.Name, e.Order, e.Protected)));
            var existing = current.FirstOrDefault(c => c.Key == e.Key);
            var outcome = existing is null ? ImportOutcome.Created
                : existing.Name != e.Name || existing.Order != e.Order || existing.Protected != e.Protected ? ImportOutcome.Changed
                : ImportOutcome.Unchanged;
            _environments.Add(new EnvironmentStep(e, existing, outcome));
            keys.Add(e.Key);
        }
        return keys;
    }

    private async Task PlanFlagsAsync(FlagService flags, HashSet<string> environmentKeys, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _document.Flags.Count; i++)
        {
            var flag = _document.Flags[i];
            var key = flag.Key?.Trim() ?? "";
            if (!seen.Add(key))
            {
                errors.Add($"flags[{i}].key", $"Flag '{key}' appears twice.");
                continue;
            }
            var current = _project is null || !Slug.IsValid(key) ? null : await FindAsync(() => flags.GetFlagAsync(_projectKey, key, cancellationToken));
            var step = FlagStep.Plan(_projectKey, flag with { Key = key }, current, environmentKeys, $"flags[{i}].", errors);
            if (step is not null)
            {
                _flags.Add(step);
            }
        }
    }

    private static async Task<T?> FindAsync<T>(Func<Task<T>> find) where T : class
    {
        try
        {
            return await find();
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>Runs a validator and files its field errors under <paramref name="prefix"/>.</summary>
    internal static T? Collect<T>(ValidationErrors errors, string prefix, Func<T> validate) where T : class
    {
        try
        {
            return validate();
        }
        catch (ValidationException error)
        {
            foreach (var (field, messages) in error.Errors)
            {
                foreach (var message in messages)
                {
                    errors.Add(prefix + field, message);
                }
            }
            return null;
        }
    }

    private static void Collect(ValidationErrors errors, string prefix, Action validate) =>
        Collect<object>(errors, prefix, () =>
        {
            validate();
            return new object();
        });

    private sealed record EnvironmentStep(DocumentEnvironment Document, ProjectEnvironment? Current, ImportOutcome Outcome);
}
