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
    public async Task GetHHJobStatusGivenAnHTMLPageWritesOneInvalidResponseError()
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
    public async Task NewHHVideoJobAnsweredWithoutRequestIdIsOutcomeUnknownAndSentOnce()
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
    public async Task GetHHJobStatusRedirectedElsewhereIsAnErrorAndTheOtherHostHearsNothing()
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
    public async Task GetHHJobResultReadsOddOutputAndErrorShapes()
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
}
