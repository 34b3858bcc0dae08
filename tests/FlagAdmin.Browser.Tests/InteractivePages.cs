using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// What every browser test of an interactive page uses: open it and wait until its circuit has taken over the
/// prerendered HTML (clicks before that go nowhere), record console errors and Content-Security-Policy violations, and
/// check accessibility with axe (no serious or critical violation).
/// </summary>
public static class InteractivePages
{
    private static readonly LocatorAssertionsToHaveAttributeOptions CircuitTimeout = new() { Timeout = 15_000 };

    /// <summary>Goes to <paramref name="path"/> and waits until the page is interactive (MainLayout's data-interactive).</summary>
    public static async Task<IPage> OpenInteractiveAsync(this IBrowserContext context, string path, PageProblems? problems = null)
    {
        var page = await context.NewPageAsync();
        problems?.Watch(page);
        await page.GotoAsync(path);
        await page.WaitUntilInteractiveAsync();
        return page;
    }

    public static Task WaitUntilInteractiveAsync(this IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true", CircuitTimeout);

    /// <summary>axe on the page as it is now: fails listing every serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        // Snackbars and dialogs fade in; contrast is judged once they are fully shown. An animation that is cancelled
        // meanwhile (a snackbar closed) rejects `finished`; an endless one (a spinner) never settles, so it is not awaited.
        await page.EvaluateAsync("""
            () => Promise.allSettled(document.getAnimations()
                .filter(a => a.effect?.getComputedTiming().endTime !== Infinity)
                .map(a => a.finished))
            """);
        // A snackbar's fade-in is an opacity transition that may not have started when the animations were collected.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-snackbar')].every(s => getComputedStyle(s).opacity === '1')");
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Impact} {violation.Id}: {violation.Help} at {string.Join("; ", violation.Nodes.Select(n => $"{n.Target} ({string.Join(" ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))})"))}";
}

/// <summary>Console errors and Content-Security-Policy violations of the pages it watches.</summary>
public sealed class PageProblems
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_problems)
            {
                return _problems.ToList();
            }
        }
    }

    // Docker adds and removes network interfaces when a test starts or stops a container; Chromium then fails the
    // requests in flight with this error. It comes from the test machine, not from the page.
    private const string NetworkChanged = "net::ERR_NETWORK_CHANGED";

    public void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains(NetworkChanged, StringComparison.Ordinal))
            {
                Add($"console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => Add($"page error: {error}");
    }

    private void Add(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }

    /// <summary>Fails when any watched page logged an error, Content-Security-Policy refusals included (Chromium logs those as console errors).</summary>
    public void AssertNone() => Assert.True(All.Count == 0, string.Join("\n", All));
}
