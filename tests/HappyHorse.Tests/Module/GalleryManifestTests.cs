using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Module;

/// <summary>
/// What the PowerShell Gallery shows of the module comes from the manifest: tags, links, release
/// notes. The version has one source (ModuleVersion in HappyHorse.psd1); everything else follows it.
/// </summary>
public class GalleryManifestTests
{
    private static PSModuleInfo Manifest()
    {
        using var shell = new PsSession();
        var result = shell.Run("Test-ModuleManifest -Path $path", new Dictionary<string, object?> { ["path"] = RepoPaths.ModuleManifest });
        Assert.Empty(result.Errors);
        return (PSModuleInfo)result.Output.Single().BaseObject;
    }

    [Fact]
    public void ManifestHasWhatTheGalleryShows()
    {
        var info = Manifest();
        Assert.False(string.IsNullOrWhiteSpace(info.Description));
        Assert.False(string.IsNullOrWhiteSpace(info.Author));
        Assert.Contains("RunComfy", info.Tags);
        Assert.Contains("PSEdition_Core", info.Tags);
        Assert.Contains("PSEdition_Desktop", info.Tags);
        Assert.All(info.Tags, tag => Assert.DoesNotContain(' ', tag));
        Assert.Equal("https", info.ProjectUri?.Scheme);
        Assert.Equal("https", info.LicenseUri?.Scheme);
        Assert.EndsWith("/LICENSE", info.LicenseUri!.AbsolutePath);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "LICENSE")), "LicenseUri points at LICENSE, which the repository must have.");
    }

    [Fact]
    public void ReleaseNotesAreTheChangelogSectionOfThisVersion()
    {
        var info = Manifest();
        var (version, body) = NewestRelease();
        Assert.True(version == info.Version.ToString(3),
            $"The newest version in CHANGELOG.md is {version} but ModuleVersion in HappyHorse.psd1 is {info.Version}: add a '## [{info.Version.ToString(3)}] - <date>' section, or change ModuleVersion.");
        Assert.True(Normalize(body) == Normalize(info.ReleaseNotes ?? ""),
            $"ReleaseNotes in HappyHorse.psd1 must be the '## [{version}]' section of CHANGELOG.md, word for word. Paste this between @' and '@:\n{body}");
    }

    [Fact]
    public void TheAssemblyCarriesTheManifestVersion()
    {
        var info = Manifest();
        var assembly = typeof(HHVideoJob).Assembly.GetName().Version!;
        Assert.Equal(info.Version.ToString(3), assembly.ToString(3));
    }

    private static (string Version, string Body) NewestRelease()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "CHANGELOG.md")).Replace("\r\n", "\n");
        var heading = Regex.Match(text, @"^## \[(?<v>\d+\.\d+\.\d+)\][^\n]*\n", RegexOptions.Multiline);
        Assert.True(heading.Success, "CHANGELOG.md has no '## [x.y.z] - date' section.");
        int end = text.IndexOf("\n## ", heading.Index + heading.Length, StringComparison.Ordinal);
        string body = end < 0 ? text[(heading.Index + heading.Length)..] : text[(heading.Index + heading.Length)..end];
        return (heading.Groups["v"].Value, body.Trim());
    }

    private static string Normalize(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
