namespace FlagAdmin.Web.Hosting;

public static class Htmx
{
    /// <summary>True for a request htmx made (it sends <c>HX-Request: true</c>), as opposed to a plain browser request.</summary>
    public static bool IsHtmx(this HttpRequest request) => request.Headers["HX-Request"] == "true";
}
