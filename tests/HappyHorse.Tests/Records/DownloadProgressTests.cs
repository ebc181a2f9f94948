using System;
using Xunit;
using HappyHorse.Records;

namespace HappyHorse.Tests.Records;

/// <summary>The words of Save-HHVideo's progress bars, composed from counts.</summary>
public class DownloadProgressTests
{
    [Fact]
    public void TheSaveBarClaimsNoPercentageWhileResultsStillStreamIn()
    {
        var streaming = DownloadProgress.Batch(4, 0, 0, 0, 0, inputEnded: false);
        Assert.Equal(-1, streaming.PercentComplete);
        Assert.Equal("4 saved; more may come", streaming.StatusDescription);

        var ended = DownloadProgress.Batch(4, 1, 1, 1, 0, inputEnded: true);
        Assert.Equal(71, ended.PercentComplete);
        Assert.Equal("5 of 7 saved (1 already there), 1 downloading, 1 waiting for its job", ended.StatusDescription);
    }

    [Fact]
    public void ASmallFileGetsNoBarOfItsOwnAndNoSpeedIsShownBeforeThereIsOne()
    {
        var item = new HappyHorse.Download.VideoDownload(new Uri("https://cdn.example.com/v.mp4"), "/tmp/v.mp4", new HappyHorse.Download.VideoSidecar());
        Assert.Null(DownloadProgress.File(2, item, 1000, 300_000, 0));
        Assert.NotNull(DownloadProgress.File(2, item, 1000, 50L * 1024 * 1024, 0));
        Assert.Equal("0.0 of 50.0 MB", DownloadProgress.FileStatus(1000, 50L * 1024 * 1024, 0));
        Assert.Equal("25.0 of 50.0 MB, 2.5 MB/s", DownloadProgress.FileStatus(25L * 1024 * 1024, 50L * 1024 * 1024, 2.5 * 1024 * 1024));
    }
}
