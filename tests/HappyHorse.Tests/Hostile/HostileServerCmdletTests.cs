using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Hostile;

/// <summary>Hostile answers through the real cmdlets: one clear error record each, no hang, no resent submit.</summary>
public class HostileServerCmdletTests : ModuleTestBase
{
    private const string Html = "<html><head><title>Access denied by proxy</title></head><body>blocked</body></html>";

    [Fact]
    public async Task Get_HHJobStatus_given_an_HTML_page_writes_one_InvalidResponse_error()
    {
        await using var raw = RawHttpServer.Start(RawAnswer.Http(200, Html, "text/html"));
        var result = Run("Get-HHJobStatus -RequestId r1 -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.GetStatus.InvalidResponse,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Equal("r1", error.TargetObject);
        ApiTest.Mentions(error.ToString(), "HTML page titled 'Access denied by proxy'");
    }

    [Fact]
    public async Task New_HHVideoJob_answered_without_request_id_is_OutcomeUnknown_and_sent_once()
    {
        await using var raw = RawHttpServer.Start(RawAnswer.Json("{\"status\":\"in_queue\"}"));
        var result = Run("New-HHVideoJob -Prompt 'character1 waves' -ImageUrl https://img.example/a.png -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.Submit.OutcomeUnknown,", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "no request_id", "not sent again");
        Assert.Contains("dashboard", error.ErrorDetails.RecommendedAction);
        Assert.Single(raw.Requests);
    }

    [Fact]
    public async Task Get_HHJobStatus_redirected_elsewhere_is_an_error_and_the_other_host_hears_nothing()
    {
        await using var elsewhere = RawHttpServer.Start(RawAnswer.Json("{\"status\":\"completed\"}"));
        await using var raw = RawHttpServer.Start(RawAnswer.Http(302, "", "text/plain", $"Location: {elsewhere.BaseUri.AbsoluteUri}/requests/r1/status"));
        var result = Run("Get-HHJobStatus r1 -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.GetStatus.InvalidResponse,", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "redirected", "not followed");
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task Get_HHJobResult_reads_odd_output_and_error_shapes()
    {
        await using var raw = RawHttpServer.Start(r => r.Target.StartsWith("/v1/requests/ok/", StringComparison.Ordinal)
            ? RawAnswer.Json("{\"request_id\":42,\"status\":\"Success\",\"output\":{\"videos\":[{\"url\":\"https://cdn.example/v.mp4\"}]},\"created_at\":\"garbage\",\"cost\":\"0.5\"}")
            : RawAnswer.Json("{\"status\":\"failed\",\"error\":{\"message\":\"content policy\",\"code\":7}}"));
        var result = Run("'ok','bad' | Get-HHJobResult -IncludeCost -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var results = result.Objects<HHJobResult>().ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal("42", results[0].RequestId);
        Assert.Equal("succeeded", results[0].Status);
        Assert.Equal("https://cdn.example/v.mp4", results[0].VideoUrl);
        Assert.Null(results[0].CreatedAt);
        Assert.Equal(0.5, results[0].Cost);
        Assert.Equal("failed", results[1].Status);
        Assert.Equal("content policy", results[1].Error);
    }

    [Fact]
    public async Task Wait_HHJob_on_an_endless_queue_returns_on_time_with_a_timeout_error()
    {
        await using var raw = RawHttpServer.Start(RawAnswer.Json("{\"status\":\"in_queue\",\"queue_position\":\"7\"}"));
        var result = Run("Wait-HHJob -RequestId r1 -Timeout 2 -PollInterval 1 -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.WaitTimeout", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "r1", "within 2 s", "in_queue");
        Assert.InRange(result.Elapsed.TotalSeconds, 1.5, 12);
        Assert.NotEmpty(raw.Requests);
        Assert.DoesNotContain(raw.Requests, r => r.Target.EndsWith("/result", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wait_HHJob_given_HTML_pages_keeps_waiting_and_times_out_cleanly()
    {
        await using var raw = RawHttpServer.Start(RawAnswer.Http(200, Html, "text/html"));
        var result = Run("Wait-HHJob -RequestId r1 -Timeout 2 -PollInterval 1 -Verbose -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.Null(result.Terminating);
        Assert.StartsWith("HappyHorse.WaitTimeout", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Contains(result.Verbose, v => v.Contains("Access denied by proxy", StringComparison.Ordinal) && v.Contains("Still waiting", StringComparison.Ordinal));
        Assert.InRange(result.Elapsed.TotalSeconds, 1.5, 12);
    }

    [Fact]
    public async Task Wait_HHJob_treats_unknown_status_words_as_running_until_the_job_finishes()
    {
        int statusCalls = 0;
        await using var raw = RawHttpServer.Start(r =>
        {
            if (r.Target.EndsWith("/result", StringComparison.Ordinal))
                return RawAnswer.Json("{\"status\":\"succeeded\",\"output\":{\"video\":\"https://cdn.example/v.mp4\"}}");
            return Interlocked.Increment(ref statusCalls) <= 2
                ? RawAnswer.Json("{\"status\":\"warming_up_gpus\"}")
                : RawAnswer.Json("{\"status\":\"COMPLETED\"}");
        });
        var result = Run("Wait-HHJob -RequestId r1 -Timeout 30 -PollInterval 1 -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal("https://cdn.example/v.mp4", Assert.Single(result.Objects<HHJobResult>()).VideoUrl);
        Assert.Equal(3, Volatile.Read(ref statusCalls));
    }

    [Fact]
    public async Task Wait_HHJob_given_a_result_completed_without_output_or_error_reports_a_job_without_a_video_at_once()
    {
        // What RunComfy's own tests send on /result, here with nothing to show for it.
        await using var raw = RawHttpServer.Start(RawAnswer.Json("{\"request_id\":\"r1\",\"status\":\"completed\"}"));
        var result = Run("Wait-HHJob -RequestId r1 -Timeout 60 -PollInterval 1 -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.JobFailed", error.FullyQualifiedErrorId); // not WaitTimeout: no polling until -Timeout
        ApiTest.Mentions(error.ToString(), "r1", "'completed'", "neither an output nor an error", "without a video");
        Assert.Single(raw.Requests, r => r.Target.EndsWith("/result", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wait_HHJob_given_an_unknown_word_on_result_polls_until_timeout_and_names_it()
    {
        await using var raw = RawHttpServer.Start(r => r.Target.EndsWith("/result", StringComparison.Ordinal)
            ? RawAnswer.Json("{\"status\":\"Verifying\"}")
            : RawAnswer.Json("{\"status\":\"completed\"}"));
        var result = Run("Wait-HHJob -RequestId r1 -Timeout 2 -PollInterval 1 -Verbose -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.WaitTimeout", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "r1", "last status: verifying", "does not know");
        Assert.Single(result.Verbose, v => v.Contains("r1: status 'verifying'", StringComparison.Ordinal)); // once, though /status says completed in between
    }
}
