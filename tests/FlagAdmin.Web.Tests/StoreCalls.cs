using System.Collections.Concurrent;
using System.Reflection;

namespace FlagAdmin.Web.Tests;

/// <summary>Counts the calls that reach the store through the interfaces it wraps, reads and writes apart.</summary>
public sealed class StoreCalls
{
    private static readonly string[] ReadPrefixes = ["Get", "List", "Query", "Find"];
    private readonly ConcurrentQueue<string> _calls = new();

    public IReadOnlyList<string> Calls => [.. _calls];

    public int Reads => Calls.Count(IsRead);

    public int Writes => Calls.Count(c => !IsRead(c));

    public void Reset() => _calls.Clear();

    public T Wrap<T>(T inner) where T : class
    {
        var proxy = DispatchProxy.Create<T, Proxy>();
        ((Proxy)(object)proxy).Inner = inner;
        ((Proxy)(object)proxy).Calls = this;
        return proxy;
    }

    private static bool IsRead(string method) => ReadPrefixes.Any(p => method.StartsWith(p, StringComparison.Ordinal));

    public class Proxy : DispatchProxy
    {
        internal object Inner { get; set; } = default!;
        internal StoreCalls Calls { get; set; } = default!;

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            Calls._calls.Enqueue(method!.Name);
            try
            {
                return method.Invoke(Inner, args);
            }
            catch (TargetInvocationException e)
            {
                throw e.InnerException!;
            }
        }
    }
}
