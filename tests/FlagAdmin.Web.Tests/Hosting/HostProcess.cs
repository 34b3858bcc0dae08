using System.Diagnostics;

namespace FlagAdmin.Web.Tests.Hosting;

/// <summary>Runs the built host as a real process, the way an operator would, and captures what it prints.</summary>
internal static class HostProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(HostAssembly());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The host did not exit within a minute. Output: {await output} {await error}");
        }
        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Runs the host expecting it to refuse to start: exit code 1 and exactly one line on standard error,
    /// <c>FlagAdmin cannot start: …</c>, with no stack trace or exception name anywhere. Returns that line.
    /// </summary>
    public static async Task<string> FailingStartAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var outcome = await RunAsync(environment, args);
        Assert.True(outcome.ExitCode == 1, $"exit code {outcome.ExitCode}: {outcome.Output} {outcome.Error}");
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("FlagAdmin cannot start: ", line);
        Assert.DoesNotMatch(@"(?m)^\s+at \S", outcome.Output + outcome.Error);
        Assert.DoesNotContain("Exception", outcome.Output + outcome.Error);
        Assert.DoesNotContain("fail:", outcome.Output);
        return line;
    }

    /// <summary>FlagAdmin.Web.dll as built next to this test assembly (the project reference copies it here).</summary>
    private static string HostAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "FlagAdmin.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The host was not built next to the tests.", path);
    }
}
