using System.Reflection;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests;

/// <summary>
/// Passes every call to the real repository, except calls of the methods named in <see cref="Methods"/> while
/// <see cref="Down"/>: those find the database unavailable, as PostgreSQL does when it is gone, while reads still answer.
/// </summary>
public sealed class StoreGoingDown(params string[] methods)
{
    /// <summary>The repository methods that fail while <see cref="Down"/>.</summary>
    public IReadOnlyCollection<string> Methods { get; set; } = methods;

    /// <summary>The one repository method that fails while <see cref="Down"/>; a test may pick another.</summary>
    public string Method
    {
        get => Methods.Single();
        set => Methods = [value];
    }

    public bool Down { get; set; }

    public IFlagRepository Wrap(IFlagRepository inner) => Proxy<IFlagRepository>.Create(inner, this);

    public IUserRepository WrapUsers(IUserRepository inner) => Proxy<IUserRepository>.Create(inner, this);

    public class Proxy<T> : DispatchProxy where T : class
    {
        private T _inner = default!;
        private StoreGoingDown _switch = default!;

        internal static T Create(T inner, StoreGoingDown state)
        {
            var proxy = Create<T, Proxy<T>>();
            ((Proxy<T>)(object)proxy)._inner = inner;
            ((Proxy<T>)(object)proxy)._switch = state;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (_switch.Down && _switch.Methods.Contains(method!.Name))
            {
                var unavailable = new StoreUnavailableException(new IOException("connection refused"));
                if (!method.ReturnType.IsGenericType)
                {
                    return Task.FromException(unavailable);
                }
                var result = method.ReturnType.GetGenericArguments().Single();
                var fail = typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!.MakeGenericMethod(result);
                return fail.Invoke(null, [unavailable]);
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
