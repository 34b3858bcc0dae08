namespace FlagAdmin.Core.Serving;

/// <summary>What a subscriber of <see cref="FlagSnapshotStore.Changed"/> learns: which environment's snapshot was replaced, for which flag (null: the whole environment), and who caused it.</summary>
public sealed record SnapshotChange(string ProjectKey, string EnvironmentKey, string? FlagKey, string Actor, long SnapshotVersion);
