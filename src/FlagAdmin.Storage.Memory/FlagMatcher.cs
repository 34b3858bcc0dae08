using FlagAdmin.Core.Flags;

namespace FlagAdmin.Storage.Memory;

/// <summary>The filters of <see cref="FlagQuery"/>, with the same meaning the PostgreSQL query gives them.</summary>
internal static class FlagMatcher
{
    public static bool Matches(FlagDetails details, FlagQuery query)
    {
        var flag = details.Flag;
        if (query.Archived is { } archived && flag.Archived != archived)
        {
            return false;
        }
        if (query.Owner is { } owner && flag.Owner != owner)
        {
            return false;
        }
        foreach (var tag in query.Tags)
        {
            if (!flag.Tags.Contains(tag))
            {
                return false;
            }
        }
        if (query.Search is { } search
            && !flag.Key.Contains(search, StringComparison.OrdinalIgnoreCase)
            && !flag.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
            && !flag.Description.Contains(search, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (query.ModifiedSince is not null || query.After is not null)
        {
            var lastChange = details.LastChange.At;
            if (lastChange < query.ModifiedSince || query.After?.IsBefore(lastChange, flag.Key) == false)
            {
                return false;
            }
        }
        if (query.EnvironmentKey is { } environment && query.Enabled is { } enabled)
        {
            return details.StateIn(environment) is { } state && state.Enabled == enabled;
        }
        return true;
    }
}
