namespace FlagAdmin.Web.LiveUpdates;

/// <summary>
/// A flag changed in one environment, as the admin UI's live feed reports it; <see cref="Flag"/> is null when the
/// project itself changed (its settings or environments) or many of its flags at once. <see cref="Enabled"/> is the
/// flag's on/off state there now (null when the flag is gone or none is named); <see cref="Note"/> is a sentence for people,
/// e.g. "alice@example.com turned new-checkout on in production", or null when another environment's
/// event of the same change already carried it.
/// </summary>
public sealed record AdminFlagChange(string Project, string? Flag, string Environment, string Actor, bool? Enabled, string? Note);
