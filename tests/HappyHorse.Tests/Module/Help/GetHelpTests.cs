using System.Globalization;
using System.IO;
using System.Linq;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Module.Help;

/// <summary>
/// What a user sees: Get-Help in the hosted engine, reading the help the build compiled into
/// out/HappyHorse/en-US, rendered by the engine's own help views (Out-Host into the test host).
/// </summary>
public class GetHelpTests
{
    [Fact]
    public void TheBuildLaysOutCompiledHelpBesideTheModule()
    {
        string culture = Path.Combine(Path.GetDirectoryName(RepoPaths.ModuleManifest)!, "en-US");
        Assert.True(File.Exists(Path.Combine(culture, "HappyHorse.dll-Help.xml")), "dotnet build should write out/HappyHorse/en-US/HappyHorse.dll-Help.xml");
        Assert.True(File.Exists(Path.Combine(culture, "about_HappyHorse.help.txt")), "dotnet build should write out/HappyHorse/en-US/about_HappyHorse.help.txt");
    }

    [Theory]
    [MemberData(nameof(ModuleCmdlets.NameData), MemberType = typeof(ModuleCmdlets))]
    public void GetHelpFullShowsTheSynopsisDescriptionParametersAndExamples(string cmdlet)
    {
        var doc = HelpMarkdown.Load(cmdlet);
        using var shell = new PsSession();
        var result = shell.Run($"Get-Help {cmdlet} -Full | Out-Host");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        string shown = HelpMarkdown.Squeeze(shell.Host.Text);

        AssertShows(shown, doc.Text("SYNOPSIS"), "the synopsis");
        AssertShows(shown, doc.Text("DESCRIPTION"), "the description");
        foreach (var p in doc.Parameters)
        {
            AssertShows(shown, p.Description, $"the description of -{p.Name}");
            AssertShows(shown, "-" + p.Name + "<" + p.Meta["Type"], $"-{p.Name} with its type");
        }
        foreach (var example in doc.Examples)
        {
            AssertShows(shown, example.Title, "an example's title");
            foreach (var code in example.Code) AssertShows(shown, code, $"the code of '{example.Title}'");
        }
        foreach (var type in doc.Subtitles("OUTPUTS")) AssertShows(shown, type, "an output type");
        Assert.DoesNotContain("Get-Help cannot find the Help files", shell.Host.Text);
    }

    [Fact]
    public void SyntaxShowsPositionsTypesAndAcceptedValues()
    {
        using var shell = new PsSession();
        var result = shell.Run("Get-Help New-HHVideoJob | Out-Host");
        Assert.Empty(result.Errors);
        // The console view hard-wraps the syntax at the host's width, even inside a word.
        string syntax = shell.Host.Text.Replace("\r", "").Replace("\n    ", "");
        Assert.Contains("New-HHVideoJob [[-Prompt] <String>] [[-ImageUrl] <String[]>] [-ImageUrl1 <String>]", syntax);
        Assert.Contains("[-AspectRatio {16:9 | 9:16 | 1:1 | 4:3 | 3:4}] [-Resolution {720P | 1080P}]", syntax);
        Assert.Contains("[-Watermark] [-Model <String>] [-Token <SecureString>] [-BaseUri <String>] [-WhatIf] [-Confirm] [<CommonParameters>]", syntax);
    }

    [Fact]
    public void TheHelpObjectCarriesEveryParameterAndExample()
    {
        using var shell = new PsSession();
        var result = shell.Run("$h = Get-Help Wait-HHJob -Full; $h.parameters.parameter | ForEach-Object { $_.name + '=' + $_.defaultValue }; '#examples=' + @($h.examples.example).Count");
        Assert.Empty(result.Errors);
        var lines = result.Output.Select(o => o.ToString()).ToList();
        var doc = HelpMarkdown.Load("Wait-HHJob");
        Assert.Equal(doc.Parameters.Select(p => p.Name + "=" + p.Meta["Default value"]), lines.Where(l => !l.StartsWith('#')));
        Assert.Contains("#examples=" + doc.Examples.Count, lines);
    }

    [Fact]
    public void AUserWithAnotherLanguageGetsTheEnglishHelp()
    {
        using var shell = new PsSession(new CultureInfo("de-DE"));
        var result = shell.Run("Get-Help Stop-HHJob | Out-Host");
        Assert.Empty(result.Errors);
        AssertShows(HelpMarkdown.Squeeze(shell.Host.Text), HelpMarkdown.Load("Stop-HHJob").Text("SYNOPSIS"), "the synopsis");
    }

    [Fact]
    public void GetHelpAboutHappyHorseShowsTheTopic()
    {
        using var shell = new PsSession();
        var result = shell.Run("Get-Help about_HappyHorse | Out-Host");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        string text = shell.Host.Text;
        Assert.Contains("TOPIC", text);
        Assert.Contains("about_HappyHorse", text);
        string shown = HelpMarkdown.Squeeze(text);
        string markdown = File.ReadAllText(Path.Combine(HelpMarkdown.Folder, "about_HappyHorse.md"));
        foreach (var heading in markdown.Split('\n').Where(l => l.StartsWith("## ") || l.StartsWith("### ")))
            AssertShows(shown, heading.TrimStart('#'), "the heading " + heading.Trim());
        foreach (var concept in new[] { "in_queue", "succeeded", "RUNCOMFY_TOKEN", "RUNCOMFY_MODEL_API_BASE", "-JournalPath", "image_url_1", "aspect_ratio", "HappyHorse.InvalidInput" })
            Assert.Contains(concept, text);
    }

    [Fact]
    public void AboutTopicIsListedWithTheOtherTopics()
    {
        using var shell = new PsSession();
        var result = shell.Run("Get-Help about_Happy* | ForEach-Object Name");
        Assert.Empty(result.Errors);
        Assert.Contains("about_HappyHorse", result.Output.Select(o => o.ToString()));
    }

    private static void AssertShows(string shown, string markdown, string what)
    {
        string expected = HelpMarkdown.Squeeze(markdown);
        Assert.False(expected.Length == 0, $"{what} is empty in the markdown");
        Assert.True(shown.Contains(expected, System.StringComparison.Ordinal), $"Get-Help does not show {what}: '{markdown.Trim()}'");
    }
}
