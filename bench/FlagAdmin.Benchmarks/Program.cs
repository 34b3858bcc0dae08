using BenchmarkDotNet.Running;
using FlagAdmin.Benchmarks.Load;
using FlagAdmin.Benchmarks.Postgres;

// "toggles": the PostgreSQL throughput runner (see ToggleThroughput); "propagation": latency between two processes
// (see PropagationLatency); anything else goes to BenchmarkDotNet.
if (args is ["toggles", .. var rest])
{
    return await ToggleThroughput.RunAsync(rest);
}
if (args is ["propagation", .. var propagationArgs])
{
    return await PropagationLatency.RunAsync(propagationArgs);
}
if (args is ["audit-pages", .. var auditArgs])
{
    return await AuditPages.RunAsync(auditArgs);
}
if (args is ["seed-load", .. var seedArgs])
{
    return await SeedLoadData.RunAsync(seedArgs);
}
BenchmarkSwitcher.FromAssembly(typeof(FlagAdmin.Benchmarks.EvaluationBenchmarks).Assembly).Run(args);
return 0;
