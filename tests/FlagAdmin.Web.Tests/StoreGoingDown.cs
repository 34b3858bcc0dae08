using System.Reflection;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Web.Tests;

/// <summary>
/// Passes every call to the real repository, except calls of the method named <see cref="Method"/> while
/// <see cref="Down"/>: those find the database unavailable, as PostgreSQL does when it is gone, while reads still answer.
/// </summary>
public sealed class StoreGoingDown(string method)
{
    /// <summary>The repository method that fails while <see cref="Down"/>; a test may pick another.</summary>
    public string Method { get; set; } = method;
    public bool Down { get; set; }

    public IFlagRepository Wrap(IFlagRepository inner) => Proxy.Create(inner, this);

    public class Proxy : DispatchProxy
    {
        private IFlagRepository _inner = default!;
        private StoreGoingDown _switch = default!;

        internal static IFlagRepository Create(IFlagRepository inner, StoreGoingDown state)
        {
            var proxy = Create<IFlagRepository, Proxy>();
            ((Proxy)(object)proxy)._inner = inner;
            ((Proxy)(object)proxy)._switch = state;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (_switch.Down && method!.Name == _switch.Method)
            {
                var result = method.ReturnType.GetGenericArguments().Single();
                var fail = typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!.MakeGenericMethod(result);
                return fail.Invoke(null, [new StoreUnavailableException(new IOException("connection refused"))]);
            }
            try
            {
                return method!.Invoke(_inner, args);
            }
            catch (TargetInvocationException e)
            {
                throw e.InnerException!;
            }
        }
    }
}
