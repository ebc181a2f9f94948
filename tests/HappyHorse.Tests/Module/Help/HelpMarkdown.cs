using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace HappyHorse.Tests.Module.Help;

/// <summary>
/// A cmdlet's help as written in docs/en-US/&lt;Cmdlet&gt;.md (platyPS schema 2.0.0), read
/// independently of the build's converter so the tests check the converter too.
/// </summary>
public sealed class HelpMarkdown
{
    private readonly Dictionary<string, List<string>> _sections = new(StringComparer.OrdinalIgnoreCase);

    public static string Folder => Path.Combine(RepoPaths.Root, "docs", "en-US");

    /// <summary>docs/en-US/&lt;name&gt;.md, as a contributor would type it.</summary>
    public static string RelativePath(string name) => "docs/en-US/" + name + ".md";

    public string Name { get; private set; } = "";
    public List<DocParameter> Parameters { get; } = new();
    public List<DocExample> Examples { get; } = new();

    public IReadOnlyList<string> Section(string name) => _sections.TryGetValue(name, out var lines) ? lines : new List<string>();

    public bool HasSection(string name) => _sections.ContainsKey(name);

    /// <summary>The prose of a section, code blocks left out.</summary>
    public string Text(string section) => string.Join(" ", Prose(Section(section)));

    /// <summary>The ### titles of a section (INPUTS, OUTPUTS).</summary>
    public IEnumerable<string> Subtitles(string section) =>
        Section(section).Where(l => l.StartsWith("### ", StringComparison.Ordinal)).Select(l => l[4..].Trim());

    public static HelpMarkdown Load(string name)
    {
        var doc = new HelpMarkdown();
        var lines = File.ReadAllText(Path.Combine(Folder, name + ".md")).Replace("\r\n", "\n").Split('\n');
        int start = 0;
        if (lines[0].Trim() == "---") start = Array.FindIndex(lines, 1, l => l.Trim() == "---") + 1;
        string? section = null;
        bool fence = false;
        foreach (var line in lines.Skip(start))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) fence = !fence;
            if (!fence && line.StartsWith("# ", StringComparison.Ordinal) && doc.Name.Length == 0) doc.Name = line[2..].Trim();
            else if (!fence && line.StartsWith("## ", StringComparison.Ordinal)) doc._sections[section = line[3..].Trim()] = new List<string>();
            else if (section != null) doc._sections[section].Add(line);
        }
        doc.ReadParameters();
        doc.ReadExamples();
        return doc;
    }

    private void ReadParameters()
    {
        DocParameter? current = null;
        bool yaml = false;
        foreach (var line in Section("PARAMETERS"))
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                string title = line[4..].Trim();
                current = title.StartsWith('-') ? new DocParameter(title[1..]) : null;
                if (current != null) Parameters.Add(current);
                continue;
            }
            if (current == null) continue;
            if (line.Trim().StartsWith("```yaml", StringComparison.OrdinalIgnoreCase)) { yaml = true; current.YamlBlocks++; continue; }
            if (yaml && line.Trim().StartsWith("```", StringComparison.Ordinal)) { yaml = false; continue; }
            if (yaml)
            {
                int colon = line.IndexOf(':');
                if (colon > 0) current.Meta[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            else current.DescriptionLines.Add(line);
        }
    }

    private void ReadExamples()
    {
        DocExample? current = null;
        List<string>? code = null;
        foreach (var line in Section("EXAMPLES"))
        {
            if (code == null && line.StartsWith("### ", StringComparison.Ordinal))
            {
                Examples.Add(current = new DocExample(line[4..].Trim()));
                continue;
            }
            if (current == null) continue;
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                if (code == null) code = new List<string>();
                else { current.Code.Add(string.Join("\n", code)); code = null; }
                continue;
            }
            if (code != null) code.Add(line);
            else current.Remarks.Add(line);
        }
    }

    private static IEnumerable<string> Prose(IEnumerable<string> lines)
    {
        bool fence = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { fence = !fence; continue; }
            if (!fence) yield return line;
        }
    }

    /// <summary>
    /// Letters and digits only, with markdown links read as a console shows them: a way to compare
    /// markdown with Get-Help's wrapped, re-indented text.
    /// </summary>
    public static string Squeeze(string text)
    {
        text = Regex.Replace(text, @"\[([^\]]+)\]\(([^)]*)\)", m =>
            m.Groups[2].Value.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? m.Groups[1].Value + m.Groups[2].Value : m.Groups[1].Value);
        return new string(text.Where(char.IsLetterOrDigit).ToArray());
    }

    public sealed class DocParameter
    {
        public DocParameter(string name) => Name = name;
        public string Name { get; }
        public int YamlBlocks { get; set; }
        public List<string> DescriptionLines { get; } = new();
        public Dictionary<string, string> Meta { get; } = new(StringComparer.OrdinalIgnoreCase);
        public string Description => string.Join(" ", Prose(DescriptionLines)).Trim();
    }

    public sealed class DocExample
    {
        public DocExample(string title) => Title = title;
        public string Title { get; }
        public List<string> Code { get; } = new();
        public List<string> Remarks { get; } = new();
    }
}
