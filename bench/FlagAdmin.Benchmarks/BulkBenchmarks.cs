using System.Diagnostics.Metrics;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using FlagAdmin.Benchmarks.Load;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Observability;
using FlagAdmin.Core.Serving;
using FlagAdmin.Storage.Memory;
using FlagAdmin.Web.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Benchmarks;

/// <summary>
/// The body of a bulk evaluation of the side-by-side catalogue (200 flags, `seed-load --mix side-by-side`) for one
/// user, as the endpoint writes it: from prepared items (lean metadata, the default), and written item by item
/// with full metadata (<c>?metadata=full</c>).
/// </summary>
[MemoryDiagnoser]
public class BulkBenchmarks
{
    /// <summary>Evaluation metrics as a host without an exporter has them: nothing listens, nothing is counted.</summary>
    internal static readonly EvaluationTelemetry Unobserved =
        new(new FlagAdminMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()));

    private EnvironmentSnapshot _snapshot = null!;
    private readonly EvaluationContext _context = new("user-42");

    [GlobalSetup]
    public async Task SetupAsync() => _snapshot = await SideBySideSnapshotAsync();

    [Benchmark(Baseline = true)]
    public int Prepared() => Length(MetadataDetail.Lean);

    [Benchmark]
    public int WrittenWithFullMetadata() => Length(MetadataDetail.Full);

    private int Length(MetadataDetail metadata)
    {
        using var body = new PooledBuffer(32 * 1024);
        OfrepResponses.WriteBulk(body, _snapshot, _context, metadata, Unobserved);
        return body.WrittenMemory.Length;
    }

    internal static async Task<EnvironmentSnapshot> SideBySideSnapshotAsync()
    {
        using var repository = new MemoryFlagRepository(TimeProvider.System);
        await SeedLoadData.SeedAsync(repository, 200, "side-by-side");
        var snapshots = new FlagSnapshotStore(repository);
        await snapshots.LoadAllAsync();
        return snapshots.Find("load", "production")!;
    }

    internal static byte[] Body(EnvironmentSnapshot snapshot, in EvaluationContext context)
    {
        using var body = new PooledBuffer(32 * 1024);
        OfrepResponses.WriteBulk(body, snapshot, context, MetadataDetail.Lean, Unobserved);
        return body.WrittenMemory.ToArray();
    }
}

/// <summary>
/// The CPU cost of compressing that bulk body (lean, 23 KB) per request, in each coding at a few levels; the
/// endpoint uses gzip 1 and brotli 1 (<see cref="ResponseEncoding"/>). The compressed size is printed at setup.
/// </summary>
[MemoryDiagnoser]
public class BulkCompressionBenchmarks
{
    private byte[] _body = [];

    [Params("gzip-1", "gzip-6", "br-1", "br-4", "br-5")]
    public string Level { get; set; } = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _body = BulkBenchmarks.Body(await BulkBenchmarks.SideBySideSnapshotAsync(), new EvaluationContext("user-42"));
        using var sizes = new MemoryStream();
        Compress(sizes);
        Console.WriteLine($"// bulk body {_body.Length:N0} bytes, {Level}: {sizes.Length:N0} bytes");
    }

    [Benchmark]
    public void Compress() => Compress(Stream.Null);

    private void Compress(Stream output)
    {
        var (coding, level) = (Level.Split('-')[0], int.Parse(Level.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture));
        using Stream compressor = coding == "br"
            ? new BrotliStream(output, new BrotliCompressionOptions { Quality = level }, leaveOpen: true)
            : new GZipStream(output, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true);
        compressor.Write(_body);
    }
}
