using System;
using System.Reflection;
using Xunit;

namespace HappyHorse.Tests.Records;

/// <summary>
/// A submit's answer names the job's status, result and cancel URLs. The documented ones are not
/// kept per job (rebuilt on demand), however the answer spelled them; any other is kept, canonical.
/// </summary>
public class AnsweredUrlTests
{
    private const string Base = "https://api.runcomfy.net/prod/v1";

    private static HHVideoJob Job(string id) => new() { RequestId = id, BaseUri = Base };

    private static string? Kept(HHVideoJob job, string field) =>
        (string?)typeof(HHVideoJob).GetField(field, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(job);

    [Theory]
    [InlineData(Base + "/requests/abc-1/status")]
    [InlineData("HTTPS://API.runcomfy.net/prod/v1/requests/abc-1/status")] // the same URL, spelled otherwise
    [InlineData("https://api.runcomfy.net:443/prod/v1/requests/abc-1/status")]
    public void TheDocumentedUrlIsNotKeptAndStillShown(string answered)
    {
        var job = Job("abc-1");
        job.KeepAnsweredUrls(new Uri(answered), null, null);

        Assert.Null(Kept(job, "_statusUrl"));
        Assert.Equal(Base + "/requests/abc-1/status", job.StatusUrl);
        Assert.Equal(Base + "/requests/abc-1/result", job.ResultUrl);
    }

    [Fact]
    public void AnotherUrlIsKeptInItsCanonicalForm()
    {
        var job = Job("abc-1");
        job.KeepAnsweredUrls(new Uri("HTTPS://Other.Example/v1/requests/abc-1/status"), new Uri(Base + "/requests/abc-1/result"), new Uri(Base + "/requests/abc-1/status"));

        Assert.Equal("https://other.example/v1/requests/abc-1/status", job.StatusUrl);
        Assert.Null(Kept(job, "_resultUrl"));
        // The status URL given as the cancel URL is not the documented cancel URL: kept.
        Assert.Equal(Base + "/requests/abc-1/status", job.CancelUrl);
        Assert.NotNull(Kept(job, "_cancelUrl"));
    }

    [Fact]
    public void AnIdThatNeedsEscapingIsComparedEscaped()
    {
        var job = Job("a b");
        job.KeepAnsweredUrls(new Uri(Base + "/requests/a%20b/status"), new Uri(Base + "/requests/a b/result"), null);

        Assert.Null(Kept(job, "_statusUrl"));
        Assert.Null(Kept(job, "_resultUrl"));
        Assert.Equal(Base + "/requests/a%20b/result", job.ResultUrl);
    }

    [Fact]
    public void WithoutABaseEverythingGivenIsKept()
    {
        var job = new HHVideoJob { RequestId = "abc-1" };
        job.KeepAnsweredUrls(new Uri(Base + "/requests/abc-1/status"), null, null);

        Assert.Equal(Base + "/requests/abc-1/status", job.StatusUrl);
        Assert.Null(job.ResultUrl);
    }
}
