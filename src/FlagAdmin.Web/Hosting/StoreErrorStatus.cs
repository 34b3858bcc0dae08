using FlagAdmin.Core.Errors;

namespace FlagAdmin.Web.Hosting;

/// <summary>The HTTP status of each way the store can fail, for the API's problems and the pages alike.</summary>
public static class StoreErrorStatus
{
    public static int For(StoreException error) => error switch
    {
        StoreUnavailableException => StatusCodes.Status503ServiceUnavailable,
        TransactionConflictException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };
}
