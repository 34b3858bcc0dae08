using FlagAdmin.Core.Users;
using FlagAdmin.Web.Auth;
using FlagAdmin.Web.Components.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlagAdmin.Web.Audit;

/// <summary>The account history's htmx fragment; the page itself is Components/Pages/Users/AccountHistory.razor.</summary>
public static class AccountHistoryEndpoints
{
    public static IEndpointRouteBuilder MapAccountHistory(this IEndpointRouteBuilder app)
    {
        app.MapGet(AccountHistoryView.PagePath + "/entries", EntriesAsync).RequireAuthorization(Policies.Admin).ExcludeFromDescription();
        return app;
    }

    /// <summary>The filters and entries alone, for htmx; the address bar shows the page's own address for the same filters.</summary>
    private static async Task<RazorComponentResult<AccountHistoryBody>> EntriesAsync(HttpContext context, UserService users)
    {
        var view = await AccountHistoryView.LoadAsync(users, context.User.ToChangeContext(), context.Request.Query, context.RequestAborted);
        var before = view.Problems.ContainsKey("before") || view.Filter.Before is null ? null : (long?)long.Parse(view.Filter.Before);
        context.Response.Headers["HX-Push-Url"] = AccountHistoryView.PagePath + view.Filter.ToQueryString(before);
        context.Response.Headers.Vary = "HX-Request";
        return new RazorComponentResult<AccountHistoryBody>(new { View = view });
    }
}
