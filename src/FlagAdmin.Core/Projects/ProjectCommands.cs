namespace FlagAdmin.Core.Projects;

public sealed record NewProject(string Key, string Name, bool RequireReasonInProtectedEnvironments = false);

public sealed record ProjectUpdate(string Key, uint ExpectedVersion, string Name, bool RequireReasonInProtectedEnvironments);

public sealed record NewEnvironment(string ProjectKey, string Key, string Name, int Order, bool Protected = false);

public sealed record EnvironmentUpdate(string ProjectKey, string Key, uint ExpectedVersion, string Name, int Order, bool Protected);
