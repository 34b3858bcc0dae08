using FlagAdmin.Storage.Postgres.Changes;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlagAdmin.Storage.Postgres.Tests.Changes;

/// <summary>The signal's own promises, with a stand-in for sending a notification (no database).</summary>
public sealed class ChangeSignalTests
{
    [Fact]
    public async Task Signals_raised_while_a_notification_is_being_sent_collapse_into_one_next_notification()
    {
        var starts = new List<int>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var signal = Create(async _ =>
        {
            int call;
            lock (starts)
            {
                starts.Add(starts.Count + 1);
                call = starts.Count;
            }
            if (call == 1)
            {
                firstStarted.SetResult();
                await first.Task;
            }
        });
        await signal.StartAsync(CancellationToken.None);
        try
        {
            signal.Raise();
            await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

            // A burst of writes committing while the first notification is in flight.
            for (var i = 0; i < 1000; i++)
            {
                signal.Raise();
            }
            first.SetResult();

            await Eventually.HoldsAsync(() => signal.Sent == 2, "the burst is announced once more");
            await Task.Delay(200);
            Assert.Equal(2, signal.Sent);
            Assert.Equal(2, starts.Count);
        }
        finally
        {
            await signal.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_failed_notification_is_sent_again()
    {
        var calls = 0;
        var signal = Create(_ => Interlocked.Increment(ref calls) == 1
            ? Task.FromException(new InvalidOperationException("connection refused"))
            : Task.CompletedTask);
        await signal.StartAsync(CancellationToken.None);
        try
        {
            signal.Raise();
            await Eventually.HoldsAsync(() => signal.Sent == 1, "the notification goes out on the second attempt");
            Assert.Equal(2, Volatile.Read(ref calls));
        }
        finally
        {
            await signal.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Raising_never_waits_even_before_the_loop_runs()
    {
        var signal = Create(_ => Task.CompletedTask);
        for (var i = 0; i < 10; i++)
        {
            signal.Raise();
        }
        Assert.Equal(0, signal.Sent);
    }

    private static ChangeSignal Create(Func<CancellationToken, Task> send) => new(
        new PostgresChangeListenerOptions { ReconnectDelay = TimeSpan.FromMilliseconds(10), MaxReconnectDelay = TimeSpan.FromMilliseconds(50) },
        NullLogger<ChangeSignal>.Instance, TimeProvider.System, send);
}
