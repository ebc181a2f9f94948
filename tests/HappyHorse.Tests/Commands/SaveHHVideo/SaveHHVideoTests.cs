using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using HappyHorse.Emulator;
using HappyHorse.Emulator.Outputs;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.SaveHHVideo;

/// <summary>Save-HHVideo in real pipelines against the emulator's fake CDN.</summary>
public sealed partial class SaveHHVideoTests : ModuleTestBase, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hh-save-" + Guid.NewGuid().ToString("N"));

    private static readonly PSObject[] Rows = CsvRows.Parse(
        "prompt,image_url_1,name,seed\n" +
        "character1 waves,https://i.example/a.png,Intro: part 1/2?,7\n" +
        "character1 bows,https://i.example/b.png,CON,42\n");

    public void Dispose()
    {
        try { if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private long Downloads => Emulator.Accounting.RequestCount(EmulatorEndpoint.Download);

    /// <summary>Submits the rows and waits: $results holds the finished results in the runspace afterwards.</summary>
    private List<HHJobResult> Finished(PSObject[]? rows = null)
    {
        var r = Run("$results = @($rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri | Wait-HHJob -PollInterval 1); $results", ("rows", rows ?? Rows));
        Assert.True(r.Errors.Count == 0, r.ErrorText);
        return r.Objects<HHJobResult>().OrderBy(x => x.Job!.Index).ToList();
    }

    private string[] FilesLeft(string? dir = null) =>
        Directory.Exists(dir ?? _dir) ? Directory.GetFiles(dir ?? _dir).Select(f => Path.GetFileName(f)).OrderBy(n => n, StringComparer.Ordinal).ToArray() : Array.Empty<string>();

    [Fact]
    public void ThePipelineSavesOnePlayableFilePerRowAndNeverSendsTheToken()
    {
        var r = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri | Wait-HHJob -PollInterval 1 | Save-HHVideo -Path $dir", ("rows", Rows), ("dir", _dir));

        Assert.True(r.Errors.Count == 0, r.ErrorText);
        var files = r.Output.OrderBy(o => ((FileInfo)o.BaseObject).Name).ToList();
        Assert.Equal(2, files.Count);
        var ids = Emulator.SubmittedBodies.Count;
        Assert.Equal(2, ids);
        foreach (var file in files)
        {
            var info = (FileInfo)file.BaseObject;
            string requestId = (string)file.Properties["RequestId"].Value;
            Assert.Matches(@"^[12]-" + System.Text.RegularExpressions.Regex.Escape(requestId) + @"\.mp4$", info.Name);
            byte[] bytes = File.ReadAllBytes(info.FullName);
            Assert.Equal(SampleVideo.Bytes.ToArray(), bytes);
            Assert.Equal("ftyp", Encoding.ASCII.GetString(bytes, 4, 4)); // an MP4 a player opens
        }
        Assert.Equal(2, Downloads);
        Assert.Equal(0, Emulator.Accounting.DownloadsWithAuthorizationHeader);
        Assert.DoesNotContain(FilesLeft(), n => n.EndsWith(".part", StringComparison.Ordinal) || n.EndsWith(".tmp", StringComparison.Ordinal));
        // The batch has its bar; files this small get none of their own (it would only flash "0.0 of 0.0 MB").
        Assert.Contains(r.Progress, p => p.ActivityId == 1 && p.Activity == "Saving HappyHorse videos");
        Assert.DoesNotContain(r.Progress, p => p.ParentActivityId == 1 && p.RecordType != ProgressRecordType.Completed);
    }

    [Fact]
    public void FileNamesComeFromCsvColumnsAndInputFieldsSanitisedForEverySystem()
    {
        Finished();
        var r = Run("$results | Save-HHVideo -Path $dir -FileName '{name}'", ("dir", _dir));
        Assert.True(r.Errors.Count == 0, r.ErrorText);
        Assert.Equal(new[] { "Intro_ part 1_2_.mp4", "Intro_ part 1_2_.mp4.json", "_CON.mp4", "_CON.mp4.json" }, FilesLeft());

        string other = Path.Combine(_dir, "formatted");
        r = Run("$results | Save-HHVideo -Path $dir -FileName '{Index:000}-seed{seed:00000}-{Model}'", ("dir", other));
        Assert.True(r.Errors.Count == 0, r.ErrorText);
        Assert.Equal(new[] { "001-seed00007-happyhorse_happyhorse-1.0_reference-to-video.mp4", "002-seed00042-happyhorse_happyhorse-1.0_reference-to-video.mp4" },
            FilesLeft(other).Where(n => n.EndsWith(".mp4", StringComparison.Ordinal)));
    }

    [Fact]
    public void AnUnknownTokenIsATerminatingErrorListingTheKnownOnesAndNothingIsSaved()
    {
        Finished();
        // try/catch sees terminating errors only: a per-item error would not land here.
        var r = Run("try { $results | Save-HHVideo -Path $dir -FileName '{title}' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }", ("dir", _dir));

        Assert.True(r.Output.Count == 2, r.ErrorText);
        Assert.StartsWith("HappyHorse.UnknownFileNameToken", r.Output[0].ToString());
        string message = r.Output[1].ToString();
        Assert.Contains("{title}", message);
        Assert.Contains("{RequestId}", message);
        Assert.Contains("{name}", message);
        Assert.Contains("{seed}", message);
        Assert.Equal(0, Downloads);
        Assert.Empty(FilesLeft());

        var malformed = Run("try { $rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri | Save-HHVideo -Path $dir -FileName '{name' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }",
            ("rows", Rows), ("dir", _dir));
        Assert.True(malformed.Output.Count == 2, malformed.ErrorText);
        Assert.StartsWith("HappyHorse.InvalidFileName", malformed.Output[0].ToString());
        Assert.Contains("never closed", malformed.Output[1].ToString());
        Assert.Equal(2, Submits); // only Finished()'s two: the bad template stopped the pipeline before any row was sent
    }

    [Fact]
    public void TheSidecarRecordsJobInputTimesAndSourceButNeverTheToken()
    {
        var results = Finished();
        var r = Run("$r | Save-HHVideo -Path $dir", ("r", results[0]), ("dir", _dir));
        Assert.True(r.Errors.Count == 0, r.ErrorText);
        var video = Assert.Single(r.Objects<FileInfo>());
        string text = File.ReadAllText(video.FullName + ".json");
        Assert.DoesNotContain(Token, text);
        Assert.DoesNotContain(Token, r.AllText());

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        var first = results[0];
        Assert.Equal(first.RequestId, root.GetProperty("request_id").GetString());
        Assert.Equal("happyhorse/happyhorse-1.0/reference-to-video", root.GetProperty("model").GetString());
        Assert.Equal("succeeded", root.GetProperty("status").GetString());
        Assert.Equal("character1 waves", root.GetProperty("input").GetProperty("prompt").GetString());
        Assert.Equal("https://i.example/a.png", root.GetProperty("input").GetProperty("image_url_1").GetString());
        Assert.Equal(7, root.GetProperty("input").GetProperty("seed").GetInt64());
        Assert.EndsWith($"/files/{first.RequestId}.mp4", root.GetProperty("source_url").GetString());
        Assert.Equal(SampleVideo.Bytes.Length, root.GetProperty("bytes").GetInt64());
        Assert.Equal(video.Name, root.GetProperty("file").GetString());
        Assert.Equal(1, root.GetProperty("index").GetInt32());
        foreach (string time in new[] { "submitted_at", "created_at", "finished_at", "saved_at" })
            Assert.True(DateTimeOffset.TryParse(root.GetProperty(time).GetString(), out _), time);
    }

    [Fact]
    public void ACompleteFileIsSkippedUnlessForceWhichOverwritesIt()
    {
        Finished(Rows.Take(1).ToArray());
        var first = Run("$results | Save-HHVideo -Path $dir", ("dir", _dir));
        var path = Assert.Single(first.Objects<FileInfo>()).FullName;
        Assert.Equal(1, Downloads);
        File.WriteAllBytes(path, new byte[SampleVideo.Bytes.Length]); // same length, other bytes: only a download could restore them

        var again = Run("$results | Save-HHVideo -Path $dir -Verbose", ("dir", _dir));
        Assert.True(again.Errors.Count == 0, again.ErrorText);
        Assert.Equal(path, Assert.Single(again.Objects<FileInfo>()).FullName);
        Assert.Equal(1, Downloads);
        Assert.Contains(again.Verbose, v => v.Contains("already complete"));
        Assert.All(File.ReadAllBytes(path), b => Assert.Equal(0, b));

        var forced = Run("$results | Save-HHVideo -Path $dir -Force", ("dir", _dir));
        Assert.True(forced.Errors.Count == 0, forced.ErrorText);
        Assert.Equal(2, Downloads);
        Assert.Equal(SampleVideo.Bytes.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void SomeoneElsesFileIsNotOverwrittenWithoutForce()
    {
        var results = Finished(Rows.Take(1).ToArray());
        Directory.CreateDirectory(_dir);
        string mine = Path.Combine(_dir, "clip.mp4");
        File.WriteAllText(mine, "my holiday video");

        var r = Run("$results | Save-HHVideo -Path $dir -FileName clip", ("dir", _dir));

        var error = Assert.Single(r.Errors);
        Assert.StartsWith("HappyHorse.FileExists", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Contains(results[0].RequestId, error.ToString());
        Assert.Equal("my holiday video", File.ReadAllText(mine));
        Assert.Empty(r.Output);
    }

    [Fact]
    public void ARelativePathStartsAtPowerShellsLocationNotTheProcesss()
    {
        Finished(Rows.Take(1).ToArray());
        Directory.CreateDirectory(_dir);
        var r = Run("$ExecutionContext.SessionState.Path.SetLocation($dir) | Out-Null; try { $results | Save-HHVideo -Path videos } finally { $ExecutionContext.SessionState.Path.SetLocation($PSHOME) | Out-Null }", ("dir", _dir));

        Assert.True(r.Errors.Count == 0, r.ErrorText);
        Assert.Equal(Path.Combine(_dir, "videos"), Assert.Single(r.Objects<FileInfo>()).DirectoryName);
        Assert.NotEqual(Path.GetFullPath(_dir), Path.GetFullPath(Environment.CurrentDirectory));
    }

    [Fact]
    public void SeveralVideosOfOneJobGetNumberedNamesAndDuplicateNamesAreRefused()
    {
        var done = Finished();
        var twoVideos = new HHJobResult
        {
            RequestId = done[0].RequestId, Status = "succeeded", VideoUrl = done[0].VideoUrl,
            VideoUrls = new[] { done[0].VideoUrl!, done[0].VideoUrl! }, OutputUrls = new[] { done[0].VideoUrl! },
        };
        var r = Run("$r | Save-HHVideo -Path $dir", ("r", twoVideos), ("dir", _dir));
        Assert.True(r.Errors.Count == 0, r.ErrorText);
        Assert.Equal(new[] { done[0].RequestId + "-2.mp4", done[0].RequestId + ".mp4" }, r.Objects<FileInfo>().Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal));

        string same = Path.Combine(_dir, "same");
        r = Run("$results | Save-HHVideo -Path $dir -FileName take", ("dir", same));
        Assert.Single(r.Objects<FileInfo>());
        Assert.StartsWith("HappyHorse.DuplicateFileName", Assert.Single(r.Errors).FullyQualifiedErrorId);
    }
}
