namespace FlagAdmin.Web.Hosting;

/// <summary>A misconfiguration that stops start-up. Its message is one sentence an operator can act on; no stack trace is shown.</summary>
public sealed class StartupProblem(string message, Exception? inner = null) : Exception(message, inner);
