using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using HappyHorse.Emulator.Outputs;
using HappyHorse.Report;

namespace HappyHorse.Tests.Shared;

/// <summary>
/// A batch on disk as a run leaves it: a report folder, real MP4 files under videos/ (one with a
/// name that needs escaping in a URL), and rows of every status, one of them hostile.
/// </summary>
public sealed class ReportFixture : IDisposable
{
    public const string HostilePrompt = "<script>alert(1)</script>\" onerror=\"alert(2)";
    public const string HostileTitle = "\" onerror=\"alert(3)";
    public const string HostileMessage = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "hh-report-" + Guid.NewGuid().ToString("N"));
    public string ReportPath => Path.Combine(Folder, "report.html");
    public string VideoA { get; }
    public string VideoB { get; }
    public string Image { get; }

    public ReportFixture()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "videos"));
        VideoA = Path.Combine(Folder, "videos", "1-sneaker teaser#1.mp4");
        VideoB = Path.Combine(Folder, "videos", "6-hostile.mp4");
        File.WriteAllBytes(VideoA, SampleVideo.Bytes.ToArray());
        File.WriteAllBytes(VideoB, SampleVideo.Bytes.ToArray());
        Image = Path.Combine(Folder, "refs", "local ref.png");
        Directory.CreateDirectory(Path.GetDirectoryName(Image)!);
        File.WriteAllBytes(Image, new byte[] { 0x89, 0x50, 0x4E, 0x47 });
    }

    internal IReadOnlyList<ReportRow> Rows()
    {
        var t0 = new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var succeeded = Row(1, "sneaker-teaser", "succeeded", "req-1", "character1 turns on a pedestal", t0, 40);
        succeeded.Files.Add(VideoA);
        succeeded.Images.Add("https://images.example.com/a.jpg");
        succeeded.Images.Add(Image);
        succeeded.Cost = 0.6;
        succeeded.EstimatedCost = 0.6m;
        var linked = Row(2, "riverside-run", "succeeded", "req-2", "character1 jogs by the river", t0.AddSeconds(1), 95);
        linked.VideoUrls.Add("https://cdn.example.com/out/req-2.mp4?sig=a&b=<c>");
        var failed = Row(3, "cafe-handoff", "failed", "req-3", "character1 hands a cup to character2", t0.AddSeconds(2), 12);
        failed.Message = "Video generation failed: the provider rejected the task.";
        var cancelled = Row(4, "corgi-fetch", "cancelled", "req-4", "character1 chases a ball", t0.AddSeconds(3), null);
        var refused = new ReportRow { Index = 5, Title = "club-trio", Status = ReportStatus.NotSubmitted, Prompt = "character1 plays guitar", Message = "Insufficient balance." };
        var hostile = Row(6, HostileTitle, "succeeded", "req-6", HostilePrompt, t0.AddSeconds(4), 61);
        hostile.Files.Add(VideoB);
        hostile.Images.Add("javascript:alert(5)");
        hostile.Images.Add("data:image/png;base64,AAAA");
        hostile.AspectRatio = "\"><script>alert(6)</script>";
        hostile.Message = HostileMessage;
        hostile.VideoUrls.Add("javascript:alert(7)");
        // Deliberately out of order: the page sorts by Index.
        return new[] { hostile, refused, failed, succeeded, cancelled, linked };
    }

    private static ReportRow Row(int index, string title, string status, string id, string prompt, DateTimeOffset submitted, double? seconds) => new ReportRow
    {
        Index = index, Title = title, Status = status, RequestId = id, Prompt = prompt, Model = "happyhorse/happyhorse-1.0/reference-to-video",
        AspectRatio = "16:9", Resolution = "1080P", Duration = 5, Seed = 40 + index, SubmittedAt = submitted,
        FinishedAt = seconds.HasValue ? submitted.AddSeconds(seconds.Value) : null,
    };

    /// <summary>Writes the report through the same engine the cmdlets use and parses it as a browser would.</summary>
    internal IDocument WriteAndParse(IReadOnlyList<ReportRow>? rows = null)
    {
        var book = new ReportBook();
        foreach (var row in rows ?? Rows()) book.Add(row);
        ReportWriter.Write(ReportPath, book.Ordered(), new ReportOptions { Source = "test batch" });
        return Parse(File.ReadAllText(ReportPath));
    }

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The file a relative src or href of the report points at.</summary>
    public string Resolve(string relative) => Uri.UnescapeDataString(new Uri(new Uri(Folder + Path.DirectorySeparatorChar), relative).LocalPath);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
