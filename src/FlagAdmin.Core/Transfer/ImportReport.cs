namespace FlagAdmin.Core.Transfer;

public enum ImportOutcome
{
    Created,
    Changed,
    Unchanged,
}

/// <summary>
/// What an import did (or, in a dry run, would do): per project, environment, flag and flag-environment.
/// <see cref="Writes"/> counts the changes, each of which is one audit entry. <see cref="Plan"/> names exactly
/// these changes from exactly this starting point: an apply given it is refused when it would now do anything else.
/// </summary>
public sealed record ImportReport(
    bool DryRun, ImportOutcome Project, IReadOnlyList<EnvironmentImport> Environments, IReadOnlyList<FlagImport> Flags, int Writes, string Plan);

public sealed record EnvironmentImport(string Key, ImportOutcome Outcome);

/// <summary><see cref="Outcome"/> is the flag's definition (metadata, variants, archived); <see cref="Environments"/> its states.</summary>
public sealed record FlagImport(string Key, ImportOutcome Outcome, IReadOnlyList<EnvironmentImport> Environments);
