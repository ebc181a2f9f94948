using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace HappyHorse.Tests.Module.Help;

/// <summary>
/// The drift gate: docs/en-US must describe exactly the cmdlets and parameters the code has, with
/// the metadata the code declares. Each failure names the cmdlet, the parameter and the file to edit.
/// </summary>
public class HelpDriftTests
{
    private static readonly string[] YamlKeys = { "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters" };

    [Theory]
    [MemberData(nameof(ModuleCmdlets.NameData), MemberType = typeof(ModuleCmdlets))]
    public void EveryCmdletHasAHelpFile(string cmdlet)
    {
        Assert.True(File.Exists(Path.Combine(HelpMarkdown.Folder, cmdlet + ".md")),
            $"{cmdlet} has no help: create {HelpMarkdown.RelativePath(cmdlet)} (platyPS schema; copy {HelpMarkdown.RelativePath("Get-HHJobStatus")} " +
            "as a start) with SYNOPSIS, DESCRIPTION, two or more EXAMPLES and a '### -Name' section for every parameter.");
    }

    [Fact]
    public void EveryHelpFileIsACmdletOrAnAboutTopic()
    {
        var cmdlets = ModuleCmdlets.Names.ToHashSet(StringComparer.Ordinal);
        var strays = Directory.GetFiles(HelpMarkdown.Folder, "*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => !n!.StartsWith("about_", StringComparison.Ordinal) && !cmdlets.Contains(n))
            .Select(n => $"{HelpMarkdown.RelativePath(n!)} documents a cmdlet the module does not have: rename it to the cmdlet's exact name or delete it.");
        Assert.Empty(strays);
    }

    [Theory]
    [MemberData(nameof(ModuleCmdlets.NameData), MemberType = typeof(ModuleCmdlets))]
    public void HelpDocumentsExactlyTheParametersOfTheCode(string cmdlet)
    {
        var doc = Load(cmdlet);
        var reflected = ModuleCmdlets.Parameters(cmdlet);
        var problems = new List<string>();
        foreach (var p in reflected.Where(p => !doc.Parameters.Any(d => d.Name == p.Name)))
            problems.Add($"{cmdlet} -{p.Name} is not documented: add a '### -{p.Name}' section with a description and a ```yaml block under ## PARAMETERS.");
        foreach (var d in doc.Parameters.Where(d => !reflected.Any(p => p.Name == d.Name)))
            problems.Add($"'### -{d.Name}' documents a parameter {cmdlet} does not have (names are case-sensitive here): remove the section or fix its name.");
        foreach (var d in doc.Parameters.GroupBy(d => d.Name).Where(g => g.Count() > 1))
            problems.Add($"-{d.Key} is documented {d.Count()} times: keep one section.");
        AssertNone(cmdlet, problems);
    }

    [Theory]
    [MemberData(nameof(ModuleCmdlets.NameData), MemberType = typeof(ModuleCmdlets))]
    public void ParameterMetadataMatchesTheCode(string cmdlet)
    {
        var doc = Load(cmdlet);
        var problems = new List<string>();
        foreach (var p in ModuleCmdlets.Parameters(cmdlet))
        {
            var d = doc.Parameters.FirstOrDefault(x => x.Name == p.Name);
            if (d == null) continue; // reported by HelpDocumentsExactlyTheParametersOfTheCode
            void Expect(string key, string? expected, string? shown = null)
            {
                if (expected == null) return;
                string actual = d.Meta.TryGetValue(key, out var v) ? v : "(missing)";
                if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                    problems.Add($"-{p.Name}: '{key}: {actual}' should be '{key}: {shown ?? expected}'.");
            }
            if (d.YamlBlocks != 1) problems.Add($"-{p.Name}: has {d.YamlBlocks} ```yaml blocks; write exactly one.");
            if (d.Description.Length == 0) problems.Add($"-{p.Name}: has no description above its ```yaml block.");
            foreach (var key in YamlKeys.Where(k => !d.Meta.ContainsKey(k)))
                problems.Add($"-{p.Name}: the ```yaml block has no '{key}:' line.");
            Expect("Type", p.Type);
            Expect("Parameter Sets", p.ParameterSets);
            Expect("Required", p.Required);
            Expect("Position", p.Position);
            Expect("Accept pipeline input", p.PipelineInput);
            Expect("Accept wildcard characters", p.Wildcards);

            var aliases = Split(d.Meta.GetValueOrDefault("Aliases"));
            if (!aliases.OrderBy(a => a).SequenceEqual(p.Aliases.OrderBy(a => a), StringComparer.Ordinal))
                problems.Add($"-{p.Name}: 'Aliases: {string.Join(", ", aliases)}' should be 'Aliases: {string.Join(", ", p.Aliases)}'.");

            var accepted = Split(d.Meta.GetValueOrDefault("Accepted values"));
            if (!accepted.SequenceEqual(p.AcceptedValues, StringComparer.Ordinal))
                problems.Add(p.AcceptedValues.Count == 0
                    ? $"-{p.Name}: remove 'Accepted values:' (the code accepts any value)."
                    : $"-{p.Name}: 'Accepted values: {string.Join(", ", accepted)}' should be 'Accepted values: {string.Join(", ", p.AcceptedValues)}'.");

            string shownDefault = d.Meta.GetValueOrDefault("Default value") ?? "";
            if (p.Default != null) Expect("Default value", p.Default);
            else if (!shownDefault.StartsWith("None", StringComparison.Ordinal))
                problems.Add($"-{p.Name}: the property starts empty, so 'Default value:' should be 'None' or 'None (what applies instead)', not '{shownDefault}'.");
        }
        AssertNone(cmdlet, problems);
    }

    [Theory]
    [MemberData(nameof(ModuleCmdlets.NameData), MemberType = typeof(ModuleCmdlets))]
    public void HelpHasEverySectionAndTwoRealExamples(string cmdlet)
    {
        var doc = Load(cmdlet);
        var problems = new List<string>();
        if (doc.Name != cmdlet) problems.Add($"the title is '# {doc.Name}'; it must be '# {cmdlet}'.");
        foreach (var section in new[] { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "RELATED LINKS" })
            if (!doc.HasSection(section)) problems.Add($"there is no '## {section}' section.");
        if (doc.Text("SYNOPSIS").Trim().Length == 0) problems.Add("## SYNOPSIS is empty.");
        if (doc.Text("DESCRIPTION").Trim().Length == 0) problems.Add("## DESCRIPTION is empty.");
        if (doc.Examples.Count < 2) problems.Add($"## EXAMPLES has {doc.Examples.Count} example(s); write at least two '### Example N: ...' with a ```powershell block each.");
        foreach (var example in doc.Examples.Where(e => e.Code.Count == 0 || e.Code.Any(c => !c.Contains(cmdlet, StringComparison.Ordinal))))
            problems.Add($"example '{example.Title}' needs a ```powershell block that uses {cmdlet}.");

        var outputs = doc.Subtitles("OUTPUTS").ToList();
        foreach (var type in ModuleCmdlets.TypeOf(cmdlet).GetCustomAttributes(typeof(System.Management.Automation.OutputTypeAttribute), true)
                     .Cast<System.Management.Automation.OutputTypeAttribute>().SelectMany(a => a.Type))
            if (!outputs.Contains(type.Name, StringComparer.Ordinal))
                problems.Add($"## OUTPUTS does not list '### {type.Name}', the cmdlet's [OutputType].");
        AssertNone(cmdlet, problems);
    }

    private static HelpMarkdown Load(string cmdlet)
    {
        Assert.True(File.Exists(Path.Combine(HelpMarkdown.Folder, cmdlet + ".md")), $"{HelpMarkdown.RelativePath(cmdlet)} is missing (see EveryCmdletHasAHelpFile).");
        return HelpMarkdown.Load(cmdlet);
    }

    private static List<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static void AssertNone(string cmdlet, List<string> problems) =>
        Assert.True(problems.Count == 0, $"Edit {HelpMarkdown.RelativePath(cmdlet)}:\n  " + string.Join("\n  ", problems));
}
