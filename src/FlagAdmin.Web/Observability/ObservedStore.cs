using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using FlagAdmin.Core.Observability;

namespace FlagAdmin.Web.Observability;

/// <summary>
/// Wraps a store interface so that every call, whatever its member, records <c>flagadmin.store.operation.duration</c>
/// (tag operation = the member's name, outcome = ok or error, error.type = the exception's type) and runs in a span
/// "store {operation}" under which the database's own spans nest. A proxy rather than a hand-written decorator,
/// so members added to the interfaces are measured without touching this file; store calls are never on the
/// evaluation path, so the reflection it costs does not matter.
/// </summary>
public class ObservedStore : DispatchProxy
{
    private static readonly ConcurrentDictionary<Type, Func<ObservedStore, string, Activity?, long, Task, Task>> Observers = new();
    private static readonly MethodInfo ObserveValueMethod = typeof(ObservedStore).GetMethod(nameof(ObserveValueAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private object _inner = null!;
    private FlagAdminMetrics _metrics = null!;

    public static T Wrap<T>(T inner, FlagAdminMetrics metrics) where T : class
    {
        var proxy = Create<T, ObservedStore>();
        var observed = (ObservedStore)(object)proxy;
        observed._inner = inner;
        observed._metrics = metrics;
        return proxy;
    }

    /// <summary>The store behind <paramref name="store"/> when it is observed, else <paramref name="store"/> itself.</summary>
    internal static object InnerOf(object store) => store is ObservedStore observed ? observed._inner : store;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = targetMethod!;
        var operation = method.Name;
        var caller = Activity.Current;
        var activity = FlagAdminMetrics.Activities.StartActivity("store " + operation, ActivityKind.Internal);
        activity?.SetTag("flagadmin.store.operation", operation);
        var start = Stopwatch.GetTimestamp();
        object? returned;
        try
        {
            returned = method.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            Finish(operation, activity, start, inner);
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
        finally
        {
            // The call took the span as its parent when it started; the caller goes on under its own.
            Activity.Current = caller;
        }
        if (returned is not Task task)
        {
            Finish(operation, activity, start, null);
            return returned;
        }
        var returnType = method.ReturnType;
        var observe = Observers.GetOrAdd(returnType, type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>)
            ? ObserveValueMethod.MakeGenericMethod(type.GetGenericArguments()[0])
                .CreateDelegate<Func<ObservedStore, string, Activity?, long, Task, Task>>()
            : static (self, op, span, began, t) => self.ObserveAsync(op, span, began, t));
        return observe(this, operation, activity, start, task);
    }

    private async Task ObserveAsync(string operation, Activity? activity, long start, Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e)
        {
            Finish(operation, activity, start, e);
            throw;
        }
        Finish(operation, activity, start, null);
    }

    private async Task<T> ObserveValueAsync<T>(string operation, Activity? activity, long start, Task task)
    {
        T value;
        try
        {
            value = await (Task<T>)task;
        }
        catch (Exception e)
        {
            Finish(operation, activity, start, e);
            throw;
        }
        Finish(operation, activity, start, null);
        return value;
    }

    private void Finish(string operation, Activity? activity, long start, Exception? error)
    {
        var tags = new TagList { { "operation", operation }, { "outcome", error is null ? "ok" : "error" } };
        if (error is not null)
        {
            tags.Add("error.type", error.GetType().Name);
            activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            activity?.SetTag("error.type", error.GetType().Name);
        }
        _metrics.StoreDuration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, tags);
        activity?.Dispose();
    }
}
