using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Pipeline;
using Xunit;

namespace HappyHorse.Tests.Commands;

/// <summary>The one queue between the thread pool and a cmdlet's pipeline thread: order, wake-ups, Ctrl+C.</summary>
public class PipelineDispatcherTests
{
    [Fact]
    public async Task PostsFromOtherThreadsRunOnThePumpingThreadInTheOrderPosted()
    {
        using var dispatcher = new PipelineDispatcher();
        var ran = new List<(int Value, int Thread)>();
        int pumping = Environment.CurrentManagedThreadId;
        var poster = Task.Run(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                int value = i;
                dispatcher.Post(() => ran.Add((value, Environment.CurrentManagedThreadId)));
            }
        });

        Assert.True(dispatcher.PumpUntil(() => ran.Count == 1000, DateTimeOffset.UtcNow.AddSeconds(60), CancellationToken.None));
        await poster;
        for (int i = 0; i < ran.Count; i++) Assert.Equal((i, pumping), ran[i]);
    }

    [Fact]
    public void APumpWaitingForNothingStopsWhenItsTokenIsCancelled()
    {
        using var dispatcher = new PipelineDispatcher();
        using var stop = new CancellationTokenSource();
        bool? done = null;
        var pump = new Thread(() => done = dispatcher.PumpUntil(() => false, null, stop.Token));
        pump.Start();
        stop.Cancel();
        Assert.True(pump.Join(TimeSpan.FromSeconds(30)), "the pump did not return after Ctrl+C");
        Assert.False(done);
    }

    [Fact]
    public void APumpReturnsTheResultOfTheTaskItWaitedFor()
    {
        using var dispatcher = new PipelineDispatcher();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        int posted = 0;
        var work = Task.Run(async () =>
        {
            dispatcher.Post(() => posted++);
            return await gate.Task + 1;
        });
        dispatcher.Post(() => gate.SetResult(41));

        Assert.Equal(42, dispatcher.Run(work));
        Assert.Equal(1, posted);
    }

    [Fact]
    public void ADisposedDispatcherIgnoresPostsAndRefusesToPump()
    {
        var dispatcher = new PipelineDispatcher();
        dispatcher.Dispose();
        dispatcher.Post(() => throw new InvalidOperationException("must not run"));
        Assert.Throws<ObjectDisposedException>(() => dispatcher.Drain());
    }
}
