using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using HappyHorse.Emulator.Outputs;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.SaveHHVideo;

/// <summary>-MaxBytes through Save-HHVideo and Invoke-HHVideo, against the emulator's CDN.</summary>
public sealed class MaxBytesTests : ModuleTestBase, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hh-maxbytes-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void AVideoLargerThanMaxBytesIsADownloadErrorForItsJobOnly()
    {
        Assert.True(SampleVideo.Bytes.Length > 1_000);
        var result = Run("Invoke-HHVideo -Prompt 'character1 waves' -ImageUrl https://img.example/a.png -Path $out -MaxBytes 1000 -PollInterval 1 -Token $Token -BaseUri $BaseUri",
            ("out", _folder));

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.DownloadFailed", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("-MaxBytes", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(_folder), f => f.EndsWith(".mp4", StringComparison.Ordinal) || f.EndsWith(".part", StringComparison.Ordinal));
    }
}
