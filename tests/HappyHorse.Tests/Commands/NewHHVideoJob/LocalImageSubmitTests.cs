using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.RegularExpressions;
using HappyHorse.Emulator;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.NewHHVideoJob;

/// <summary>
/// Local reference images through New-HHVideoJob against the emulator: checked here before anything is
/// sent, each broken rule a per-row error naming the file, sent inline as data:&lt;type&gt;;base64 (the
/// emulator decodes and validates it), and shown everywhere by path, type, size and hash, never base64.
/// </summary>
public class LocalImageSubmitTests : ModuleTestBase, IDisposable
{
    private static readonly Regex Base64Payload = new(@"base64,[A-Za-z0-9+/]{8}");
    private readonly ImageFolder _images = new();

    public void Dispose() => _images.Dispose();

    private PsResult Submit(string script, params (string, object?)[] variables) =>
        Run(script + " -Token $Token -BaseUri $BaseUri", variables);

    private static string Base64Start(string path) => Convert.ToBase64String(File.ReadAllBytes(path).Take(300).ToArray());

    [Fact]
    public void LocalPNGJPEGAndWEBPFilesAreSentInlineAndTheEmulatorDecodesTheSameBytes()
    {
        string png = _images.Image("alice.png", "png", 800, 600);
        string jpeg = _images.Image("bob.jpg", "jpeg", 1280, 720);
        string webp = _images.Image("carol.webp", "webp", 720, 1280);
        var row = CsvRows.Row(("prompt", "character1 meets character2 and character3"), ("image_url_1", png), ("image_url_2", jpeg), ("image_url_3", "file://" + webp));

        var result = Submit("$row | New-HHVideoJob", ("row", row));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var job = Assert.Single(result.Objects<HHVideoJob>());
        Assert.Equal(1, Emulator.Accounting.AcceptedSubmissions);
        // The emulator keeps each inline image as the type and SHA-256 of the bytes it decoded.
        using var body = JsonDocument.Parse(Assert.Single(Emulator.SubmittedBodies));
        Assert.Equal("data:image/png;sha256," + ImageFolder.Sha256(png), body.RootElement.GetProperty("image_url_1").GetString());
        Assert.Equal("data:image/jpeg;sha256," + ImageFolder.Sha256(jpeg), body.RootElement.GetProperty("image_url_2").GetString());
        Assert.Equal("data:image/webp;sha256," + ImageFolder.Sha256(webp), body.RootElement.GetProperty("image_url_3").GetString());
        // The job shows the file, not its bytes.
        string shown = (string)job.Input["image_url_2"]!;
        Assert.Contains(jpeg, shown);
        Assert.Contains("image/jpeg", shown);
        Assert.Contains(new FileInfo(jpeg).Length.ToString("N0"), shown);
        Assert.Contains(ImageFolder.Sha256(jpeg)[..12], shown);
        Assert.DoesNotMatch(Base64Payload, result.AllText());
    }

    [Fact]
    public void TheTypeComesFromTheBytesSoAJPEGNamedPngGoesAsImageJpeg()
    {
        string disguised = _images.Image("photo.png", "jpeg", 800, 800);

        var result = Submit("New-HHVideoJob -Prompt 'character1 smiles' -ImageUrl $file -Verbose", ("file", disguised));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        using var body = JsonDocument.Parse(Assert.Single(Emulator.SubmittedBodies));
        Assert.StartsWith("data:image/jpeg;sha256,", body.RootElement.GetProperty("image_url_1").GetString());
        var line = Assert.Single(result.Verbose, v => v.Contains("image_url_1 is the local file"));
        Assert.Contains(disguised, line);
        Assert.Contains("image/jpeg", line);
        Assert.Contains(ImageFolder.Sha256(disguised)[..12], line);
        Assert.DoesNotMatch(Base64Payload, string.Join("\n", result.Verbose));
    }

    public static TheoryData<string, string, string> BrokenFiles => new()
    {
        // name of the case, rule named in the error, a part of what the message says
        { "too big", "MaxSize", "at most 10 MB (10,485,760 bytes)" },
        { "too small", "MinShortSide", "short side is 300 px" },
        { "GIF named png", "Format", "a GIF image" },
        { "HTML named jpg", "Format", "an HTML page" },
        { "missing", "Reachable", "does not exist" },
        { "folder", "Reachable", "is a folder" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void EachBrokenRuleIsAPerRowErrorNamingTheFileAndTheRuleAndNothingIsSent(string name, string rule, string says)
    {
        string path = name switch
        {
            "too big" => _images.Padded("big.png", PreflightLimit + 1),
            "too small" => _images.Image("small.png", "png", 300, 900),
            "GIF named png" => _images.Image("anim.png", "gif", 800, 600),
            "HTML named jpg" => _images.Image("page.jpg", "html", 800, 600),
            "missing" => Path.Combine(_images.Root, "nobody.png"),
            _ => Directory.CreateDirectory(Path.Combine(_images.Root, "faces.png")).FullName,
        };
        var good = CsvRows.Row(("prompt", "character1 waves"), ("image_url_1", _images.Image("good.png")));
        var bad = CsvRows.Row(("prompt", "character1 and character2 wave"), ("image_url_1", _images.Image("good.png")), ("image_url_2", path));

        var result = Submit("$good, $bad | New-HHVideoJob", ("good", good), ("bad", bad));

        var error = Assert.Single(result.Errors);
        Assert.Equal("HappyHorse.InvalidInput,HappyHorse.Commands.NewHHVideoJobCommand", error.FullyQualifiedErrorId);
        Assert.Same(bad, error.TargetObject);
        string message = error.ToString();
        Assert.StartsWith("Row 2 was not submitted: image_url_2 ", message);
        Assert.Contains(path, message);
        Assert.Contains($"fails {rule}:", message);
        Assert.Contains(says, message);
        if (name != "missing" && name != "folder") Assert.Contains("sha256 " + ImageFolder.Sha256(path)[..12], message);
        Assert.Equal(1, Submits); // only the good row
    }

    private const long PreflightLimit = 10L * 1024 * 1024;

    [Fact]
    public void ABodyOver64MiBIsAPerRowErrorThatNamesTheImagesToShrinkOrHost()
    {
        // Five files just under 10 MB each pass every image rule, but base64 makes them 66 MiB together.
        var files = Enumerable.Range(1, 5).Select(i => _images.Padded($"huge{i}.png", 10_400_000)).ToArray();

        var result = Submit("New-HHVideoJob -Prompt 'character1 to character5 dance' -ImageUrl $files", ("files", files));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.InvalidInput", error.FullyQualifiedErrorId);
        string message = error.ToString();
        Assert.Contains("request body would be", message);
        Assert.Contains("67,108,864 bytes", message);
        Assert.Contains("Shrink these images or host them at https URLs", message);
        foreach (var file in files)
        {
            Assert.Contains(file, message);
            Assert.Contains(ImageFolder.Sha256(file)[..12], message);
        }
        Assert.Equal(0, Submits);
    }

    [Fact]
    public void WhatIfShowsPathTypeSizeAndHashAndNeverTheBase64Text()
    {
        string png = _images.Image("alice.png", "png", 800, 600);

        var result = Submit("New-HHVideoJob -Prompt 'character1 bows' -ImageUrl $file -WhatIf", ("file", png));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(0, Submits);
        string shown = Shell.Host.Text;
        Assert.Contains($"local file {png} (image/png, 800x600, {new FileInfo(png).Length:N0} bytes, sha256 {ImageFolder.Sha256(png)[..12]})", shown);
        Assert.DoesNotContain(Base64Start(png), shown);
        Assert.DoesNotMatch(Base64Payload, shown);
    }

    [Fact]
    public void TheJournalRecognisesARowByTheFileHashAndAChangedFileIsANewRow()
    {
        string png = _images.Image("alice.png", "png", 800, 600);
        string journal = Path.Combine(_images.Root, "batch.jsonl");
        var row = CsvRows.Row(("prompt", "character1 runs"), ("image_url_1", png));
        string script = "$row | New-HHVideoJob -JournalPath $journal";

        var first = Submit(script, ("row", row), ("journal", journal));
        var again = Submit(script, ("row", row), ("journal", journal));

        Assert.True(first.Errors.Count == 0 && again.Errors.Count == 0, first.ErrorText + again.ErrorText);
        Assert.Equal(1, Submits);
        var reattached = Assert.Single(again.Objects<HHVideoJob>());
        Assert.True(reattached.Resumed);
        Assert.Equal(Assert.Single(first.Objects<HHVideoJob>()).RequestId, reattached.RequestId);

        // Same path, new bytes: a new row, paid for once more.
        _images.Image("alice.png", "png", 800, 601);
        var changed = Submit(script, ("row", row), ("journal", journal));

        Assert.True(changed.Errors.Count == 0, changed.ErrorText);
        Assert.False(Assert.Single(changed.Objects<HHVideoJob>()).Resumed);
        Assert.Equal(2, Submits);
        string text = File.ReadAllText(journal);
        Assert.Contains(ImageFolder.Sha256(png)[..12], text);
        Assert.Contains(png.Replace("\\", "\\\\"), text);
        Assert.DoesNotMatch(Base64Payload, text);
    }

    [Fact]
    public void TheSameFileUnderAnotherPathIsTheSameRow()
    {
        string png = _images.Image("alice.png");
        string copy = _images.Write("copy-of-alice.png", File.ReadAllBytes(png));
        string journal = Path.Combine(_images.Root, "batch.jsonl");

        Submit("New-HHVideoJob -Prompt 'character1 runs' -ImageUrl $file -JournalPath $journal", ("file", png), ("journal", journal));
        var again = Submit("New-HHVideoJob -Prompt 'character1 runs' -ImageUrl $file -JournalPath $journal", ("file", copy), ("journal", journal));

        Assert.True(Assert.Single(again.Objects<HHVideoJob>()).Resumed);
        Assert.Equal(1, Submits);
    }

    [Fact]
    public void TheSidecarNamesTheFileAndNotItsBytes()
    {
        string png = _images.Image("alice.png");
        string videos = Directory.CreateDirectory(Path.Combine(_images.Root, "videos")).FullName;

        var result = Run("New-HHVideoJob -Prompt 'character1 waves' -ImageUrl $file -Token $Token -BaseUri $BaseUri | Wait-HHJob -PollInterval 1 -Timeout 60 | Save-HHVideo -Path $dir",
            ("file", png), ("dir", videos));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var video = Assert.Single(result.Objects<FileInfo>());
        using var sidecar = JsonDocument.Parse(File.ReadAllText(video.FullName + ".json"));
        string image = sidecar.RootElement.GetProperty("input").GetProperty("image_url_1").GetString()!;
        Assert.Contains(png, image);
        Assert.Contains(ImageFolder.Sha256(png)[..12], image);
        Assert.DoesNotMatch(Base64Payload, File.ReadAllText(video.FullName + ".json"));
    }

    [Fact]
    public void PreflightChecksLocalFilesWithoutFetchingAnything()
    {
        string png = _images.Image("alice.png");

        var result = Submit("New-HHVideoJob -Prompt 'character1 waves' -ImageUrl $file -Preflight", ("file", png));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(1, Submits);
        Assert.Equal(0, Emulator.Accounting.RequestCount(EmulatorEndpoint.Image));
    }

    [Fact]
    public void NewHHModelJobSendsALocalFileForAnImageFieldAndRefusesOneForAVideoField()
    {
        string png = _images.Image("first-frame.png", "png", 1280, 720);

        var image = Submit("New-HHModelJob happyhorse/happyhorse-1.0/image-to-video @{ image_url = $file; prompt = 'slow zoom' }", ("file", png));
        var video = Submit("New-HHModelJob happyhorse/happyhorse-1.0/video-edit @{ video_url = $file; prompt = 'rain' }", ("file", png));

        Assert.True(image.Errors.Count == 0, image.ErrorText);
        using (var body = JsonDocument.Parse(Assert.Single(Emulator.SubmittedBodies)))
            Assert.Equal("data:image/png;sha256," + ImageFolder.Sha256(png), body.RootElement.GetProperty("image_url").GetString());
        Assert.Contains(png, (string)Assert.Single(image.Objects<HHVideoJob>()).Input["image_url"]!);
        Assert.Contains("video_url", Assert.Single(video.Errors).ToString());
        Assert.Contains("local file path", Assert.Single(video.Errors).ToString());
        Assert.Equal(1, Submits);
    }
}

/// <summary>The service refusing an inline image: its own message is shown, with the file named and no base64.</summary>
public class LocalImageRejectedTests : ModuleTestBase, IDisposable
{
    private readonly ImageFolder _images = new();

    protected override void Configure(EmulatorOptions options) => options.AcceptDataImages = false;

    public void Dispose() => _images.Dispose();

    [Fact]
    public void ARejectionByTheServiceIsShownAsTheServiceMessage()
    {
        string png = _images.Image("alice.png");

        var result = Run("New-HHVideoJob -Prompt 'character1 waves' -ImageUrl $file -Token $Token -BaseUri $BaseUri", ("file", png));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.Submit.InvalidInput", error.FullyQualifiedErrorId);
        string message = error.ToString();
        Assert.Contains("RunComfy rejected", message);
        Assert.Contains("image_url_1: must be an absolute https URL", message);
        Assert.Contains(png, message);
        Assert.Contains(ImageFolder.Sha256(png)[..12], message);
        Assert.DoesNotMatch(new Regex(@"base64,[A-Za-z0-9+/]{8}"), result.AllText());
    }
}
