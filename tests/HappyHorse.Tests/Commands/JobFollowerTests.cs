using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Records;

using HappyHorse.Waiting;
using Xunit;

namespace HappyHorse.Tests.Commands;

/// <summary>
/// The one job follower of the engine, and the one place that turns its outcomes into what Wait-HHJob
/// and Save-HHVideo show: a job that succeeds, fails, is cancelled or cannot be read ends the same
/// way for both.
/// </summary>
public class JobFollowerTests
{
    private static readonly WaitOptions Quick = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(1), MaxPollInterval = TimeSpan.FromMilliseconds(4), MaxInvalidAnswers = 2,
    };

    /// <summary>Four jobs, one per ending; each answers /status with "completed" and /result with its end.</summary>
    private static RawAnswer Answer(RawRequest r)
    {
        string target = r.Target;
        bool result = target.EndsWith("/result", StringComparison.Ordinal);
        if (target.Contains("/requests/garbled/")) return RawAnswer.Http(200, "<html>proxy hiccup</html>", "text/html");
        if (!result) return RawAnswer.Json("{\"status\":\"completed\"}");
        if (target.Contains("/requests/ok/")) return RawAnswer.Json("{\"status\":\"succeeded\",\"output\":{\"video\":\"https://cdn.example/ok.mp4\"}}");
        if (target.Contains("/requests/bad/")) return RawAnswer.Json("{\"status\":\"failed\",\"error\":\"the reference image was refused\"}");
        return RawAnswer.Json("{\"status\":\"cancelled\"}");
    }

    /// <summary>Follows the jobs, pumping the follower's posts on this thread as a cmdlet's dispatcher does, until none is pending.</summary>
    private static Dictionary<string, JobOutcome> FollowAll(RawHttpServer server, params string[] ids)
    {
        var posted = new BlockingCollection<Action>();
        var outcomes = new Dictionary<string, JobOutcome>();
        using var follower = new JobFollower(Quick, posted.Add, o => outcomes.Add(o.Ticket.RequestId, o), null, CancellationToken.None);
        var client = ApiTest.Client(server.BaseUri);
        foreach (string id in ids) follower.Follow(new WaitTicket(client, id, null, null));
        Assert.Equal(ids.Length, follower.Pending);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (follower.Pending > 0)
        {
            var left = deadline - DateTime.UtcNow;
            Action? action = null;
            Assert.True(left > TimeSpan.Zero && posted.TryTake(out action, left), $"still pending after 30 s: {string.Join(", ", follower.Unreported.Select(t => t.RequestId))}");
            action!();
        }
        Assert.Empty(follower.Unreported);
        return outcomes;
    }

    [Fact]
    public async Task EachJobEndsOnceInTheKindItsAnswerSays()
    {
        await using var server = RawHttpServer.Start(Answer);

        var outcomes = FollowAll(server, "ok", "bad", "gone", "garbled");

        Assert.Equal(4, outcomes.Count); // Add throws on a second outcome for a job
        Assert.Equal(JobOutcomeKind.Succeeded, outcomes["ok"].Kind);
        Assert.Equal(JobOutcomeKind.Failed, outcomes["bad"].Kind);
        Assert.Equal(JobOutcomeKind.Cancelled, outcomes["gone"].Kind);
        Assert.Equal(JobOutcomeKind.Lost, outcomes["garbled"].Kind);
        Assert.Equal(ApiErrorKind.InvalidResponse, outcomes["garbled"].Error!.Kind);
        Assert.Null(outcomes["garbled"].Result);
        Assert.Equal("the reference image was refused", outcomes["bad"].Result!.Error);
    }

    [Fact]
    public async Task WaitAndSaveTurnEachOutcomeIntoTheSameResultOrError()
    {
        await using var server = RawHttpServer.Start(Answer);

        foreach (var outcome in FollowAll(server, "ok", "bad", "gone", "garbled").Values)
        {
            var waited = FinishedJobs.Of(outcome);
            var saved = FinishedJobs.Of(outcome, FinishedJobs.NothingToSave);
            string id = outcome.Ticket.RequestId;
            if (outcome.Kind == JobOutcomeKind.Succeeded)
            {
                Assert.Null(waited.Error);
                Assert.Null(saved.Error);
                Assert.Equal("https://cdn.example/ok.mp4", saved.Result!.VideoUrl);
                continue;
            }
            Assert.NotNull(waited.Error);
            Assert.NotNull(saved.Error);
            Assert.Equal(waited.Error!.FullyQualifiedErrorId, saved.Error!.FullyQualifiedErrorId);
            Assert.Equal(waited.Error.CategoryInfo.Category, saved.Error.CategoryInfo.Category);
            Assert.Equal(waited.Error.ErrorDetails.RecommendedAction, saved.Error.ErrorDetails.RecommendedAction);
            Assert.Contains(id, saved.Error.ErrorDetails.Message);
            var expected = outcome.Kind switch
            {
                JobOutcomeKind.Failed => ("HappyHorse.JobFailed", ErrorCategory.InvalidResult),
                JobOutcomeKind.Cancelled => ("HappyHorse.JobCancelled", ErrorCategory.OperationStopped),
                _ => ("HappyHorse.Wait.InvalidResponse", ErrorCategory.InvalidResult),
            };
            Assert.Equal(expected, (waited.Error.FullyQualifiedErrorId, waited.Error.CategoryInfo.Category));
            if (outcome.Kind == JobOutcomeKind.Lost)
            {
                Assert.Equal(waited.Error.ErrorDetails.Message, saved.Error.ErrorDetails.Message);
                Assert.Equal(id, saved.Error.TargetObject);
            }
            else
            {
                Assert.Equal(id, Assert.IsType<HHJobResult>(saved.Error.TargetObject).RequestId);
                Assert.Equal(waited.Error.ErrorDetails.Message.Replace(id + " failed:", id + " failed, so it has no video to save:")
                        .Replace("was cancelled.", "was cancelled, so it has no video to save."),
                    saved.Error.ErrorDetails.Message);
            }
        }
    }

    [Fact]
    public async Task AClosedFollowerDeliversNothingMoreAndKeepsTheJobUnreported()
    {
        await using var server = RawHttpServer.Start(Answer);
        var posted = new BlockingCollection<Action>();
        var outcomes = new List<JobOutcome>();
        var follower = new JobFollower(Quick, posted.Add, outcomes.Add, null, CancellationToken.None);
        var ticket = new WaitTicket(ApiTest.Client(server.BaseUri), "ok", null, null);
        follower.Follow(ticket);

        // The first post is the job's end (no status change is reported for "completed"): closing before it is pumped drops it.
        Assert.True(posted.TryTake(out var first, TimeSpan.FromSeconds(30)), "the job never ended");
        Assert.True(ticket.Finished, "the first post was not the job's end");
        follower.Dispose();
        first!();
        while (posted.TryTake(out var more)) more();

        Assert.Empty(outcomes);
        Assert.Equal(1, follower.Pending);
        Assert.Equal("ok", Assert.Single(follower.Unreported).RequestId);
    }
}
