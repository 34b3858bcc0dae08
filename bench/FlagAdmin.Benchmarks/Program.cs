using BenchmarkDotNet.Running;
using FlagAdmin.Benchmarks.Postgres;

// "toggles": the PostgreSQL throughput runner (see ToggleThroughput); anything else goes to BenchmarkDotNet.
if (args is ["toggles", .. var rest])
{
    return await ToggleThroughput.RunAsync(rest);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
