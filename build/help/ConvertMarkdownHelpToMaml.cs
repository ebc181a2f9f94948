#nullable enable
// Compiled by MSBuild's RoslynCodeTaskFactory at build time (see Help.targets): turns platyPS-schema
// markdown (docs/en-US/<Cmdlet>.md) into the MAML file Get-Help reads, so help builds with plain
// `dotnet build` and no platyPS. It follows the shape platyPS's New-ExternalHelp writes.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ConvertMarkdownHelpToMaml : Task
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly string[] RequiredKeys = { "Type", "Required", "Position", "Default value", "Accept pipeline input" };

    [Required] public ITaskItem[] Sources { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string OutputFile { get; set; } = "";

    public override bool Execute()
    {
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"));
        foreach (var source in Sources.OrderBy(s => s.ItemSpec, StringComparer.Ordinal))
        {
            string path = source.GetMetadata("FullPath");
            var doc = HelpDocument.Parse(path, File.ReadAllText(path), (line, message) =>
                Log.LogError(null, "HHHELP", null, path, line, 0, 0, 0, message));
            if (doc != null) root.Add(Render(doc, path));
        }
        if (Log.HasLoggedErrors) return false;

        Directory.CreateDirectory(Path.GetDirectoryName(OutputFile)!);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using (var writer = XmlWriter.Create(OutputFile, settings)) new XDocument(root).Save(writer);
        Log.LogMessage(MessageImportance.High, "External help: {0} ({1} commands)", OutputFile, Sources.Length);
        return true;
    }

    private XElement Render(HelpDocument doc, string path)
    {
        int dash = doc.Name.IndexOf('-');
        var parameters = doc.Parameters;
        foreach (var p in parameters)
            foreach (var key in RequiredKeys)
                if (!p.Meta.ContainsKey(key))
                    Log.LogError(null, "HHHELP", null, path, p.Line, 0, 0, 0, $"Parameter -{p.Name} has no '{key}:' line in its ```yaml block.");
        foreach (var p in parameters.Where(p => p.Position != "named" && !int.TryParse(p.Position, out _)))
            Log.LogError(null, "HHHELP", null, path, p.Line, 0, 0, 0, $"Parameter -{p.Name}: 'Position: {p.Position}' must be Named or a number.");
        if (Log.HasLoggedErrors) return new XElement(Command + "command");

        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(Command + "details",
                new XElement(Command + "name", doc.Name),
                new XElement(Command + "verb", dash > 0 ? doc.Name.Substring(0, dash) : doc.Name),
                new XElement(Command + "noun", dash > 0 ? doc.Name.Substring(dash + 1) : ""),
                Description(doc.Section("SYNOPSIS"))),
            Description(doc.Section("DESCRIPTION")),
            new XElement(Command + "syntax", SyntaxItems(doc)),
            new XElement(Command + "parameters", parameters.Select(p => Parameter(p, inSyntax: false))),
            new XElement(Command + "inputTypes", doc.Subsections("INPUTS").Select(s =>
                new XElement(Command + "inputType", TypeElement(s.Title), Description(s.Body)))),
            new XElement(Command + "returnValues", doc.Subsections("OUTPUTS").Select(s =>
                new XElement(Command + "returnValue", TypeElement(s.Title), Description(s.Body)))),
            Notes(doc.Section("NOTES")),
            new XElement(Command + "examples", doc.Subsections("EXAMPLES").Select(Example)),
            new XElement(Command + "relatedLinks", OnlineLink(doc.OnlineVersion), Links(doc.Section("RELATED LINKS"))));
    }

    /// <summary>One syntax line per parameter set; "(All)" parameters join every set.</summary>
    private static IEnumerable<XElement> SyntaxItems(HelpDocument doc)
    {
        var sets = doc.Parameters.SelectMany(p => p.Sets).Where(s => s != "(All)").Distinct().ToList();
        if (sets.Count == 0) sets.Add("(All)");
        foreach (var set in sets)
        {
            var members = doc.Parameters.Where(p => p.Sets.Contains("(All)") || p.Sets.Contains(set))
                .OrderBy(p => p.Position == "named" ? int.MaxValue : int.Parse(p.Position))
                .ThenBy(p => p.Name == "WhatIf" || p.Name == "Confirm" ? 1 : 0);
            yield return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", doc.Name),
                members.Select(p => Parameter(p, inSyntax: true)));
        }
    }

    private static XElement Parameter(HelpParameter p, bool inSyntax)
    {
        string type = p.Get("Type") == "switch" ? "SwitchParameter" : p.Get("Type");
        bool isSwitch = type == "SwitchParameter";
        string aliases = p.Get("Aliases");
        var element = new XElement(Command + "parameter",
            new XAttribute("required", p.Get("Required").ToLowerInvariant()),
            new XAttribute("variableLength", type.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", p.Get("Accept wildcard characters", "False").ToLowerInvariant()),
            new XAttribute("pipelineInput", p.Get("Accept pipeline input")),
            new XAttribute("position", p.Position),
            new XAttribute("aliases", aliases.Length == 0 ? "none" : aliases),
            new XElement(Maml + "name", p.Name),
            Description(p.Description));
        var accepted = p.Get("Accepted values");
        if (inSyntax && accepted.Length > 0)
            element.Add(new XElement(Command + "parameterValueGroup", accepted.Split(',').Select(v =>
                new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v.Trim()))));
        if (!(inSyntax && isSwitch))
            element.Add(new XElement(Command + "parameterValue",
                new XAttribute("required", isSwitch ? "false" : "true"), new XAttribute("variableLength", "false"), type));
        element.Add(new XElement(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri")));
        element.Add(new XElement(Dev + "defaultValue", p.Get("Default value", "None")));
        return element;
    }

    private static XElement Example(HelpSubsection example, int index)
    {
        var code = new List<string>();
        var prose = new List<string>();
        foreach (var block in Blocks.Split(example.Body))
            (block.IsCode ? code : prose).Add(block.Text);
        // Get-Help shows empty remarks as a line holding one space; a closing empty paragraph
        // gives every example, with or without remarks, a blank line before the next title.
        return new XElement(Command + "example",
            new XElement(Maml + "title", "--------- " + example.Title + " ---------"),
            new XElement(Dev + "code", string.Join("\n\n", code)),
            new XElement(Dev + "remarks", prose.Select(t => new XElement(Maml + "para", Inline.Plain(t))), new XElement(Maml + "para", "")));
    }

    /// <summary>
    /// Get-Help prints an alert set's title, then two line breaks, then its alerts: the notes go in
    /// the title, so NOTES starts with its text instead of two empty lines.
    /// </summary>
    private static XElement? Notes(IReadOnlyList<string> lines)
    {
        if (lines.All(string.IsNullOrWhiteSpace)) return null;
        var paragraphs = Blocks.Split(lines).Select(b => b.IsCode ? b.Text : Inline.Plain(b.Text));
        return new XElement(Maml + "alertSet", new XElement(Maml + "title", string.Join("\n\n", paragraphs)));
    }

    /// <summary>The markdown's "online version:" as the first related link: what Get-Help -Online opens.</summary>
    private static XElement? OnlineLink(string uri) =>
        uri.Length == 0 ? null : new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", "Online Version:"), new XElement(Maml + "uri", uri));

    private static IEnumerable<XElement> Links(IReadOnlyList<string> lines)
    {
        foreach (Match m in Regex.Matches(string.Join("\n", lines), @"\[([^\]]+)\]\(([^)]*)\)"))
        {
            string uri = m.Groups[2].Value;
            // Links to sibling .md files name other commands: Get-Help resolves those by name.
            if (!uri.StartsWith("http", StringComparison.OrdinalIgnoreCase)) uri = "";
            yield return new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", m.Groups[1].Value), new XElement(Maml + "uri", uri));
        }
    }

    private static XElement TypeElement(string name) =>
        new XElement(Dev + "type", new XElement(Maml + "name", Inline.Plain(name)), new XElement(Maml + "uri"));

    private static XElement Description(IReadOnlyList<string> lines) => new XElement(Maml + "description", Paras(lines));

    private static IEnumerable<XElement> Paras(IReadOnlyList<string> lines)
    {
        foreach (var block in Blocks.Split(lines))
            yield return new XElement(Maml + "para", block.IsCode ? block.Text : Inline.Plain(block.Text));
    }
}

/// <summary>One cmdlet's markdown: name, level-2 sections, and the parameters of ## PARAMETERS.</summary>
internal sealed class HelpDocument
{
    private readonly Dictionary<string, List<(string Line, int Number)>> _sections = new Dictionary<string, List<(string, int)>>(StringComparer.OrdinalIgnoreCase);

    public string Name { get; private set; } = "";
    public List<HelpParameter> Parameters { get; } = new List<HelpParameter>();

    /// <summary>The front matter's "online version:" (the page Get-Help -Online opens), or "".</summary>
    public string OnlineVersion { get; private set; } = "";

    public static HelpDocument? Parse(string path, string text, Action<int, string> error)
    {
        var doc = new HelpDocument();
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        int i = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
            for (i = 1; i < lines.Length && lines[i].Trim() != "---"; i++)
                if (lines[i].StartsWith("online version:", StringComparison.OrdinalIgnoreCase))
                    doc.OnlineVersion = lines[i].Substring("online version:".Length).Trim();
        string? section = null;
        bool inFence = false;
        for (i++; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            if (!inFence && line.StartsWith("# ", StringComparison.Ordinal) && doc.Name.Length == 0) { doc.Name = line.Substring(2).Trim(); continue; }
            if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line.Substring(3).Trim();
                doc._sections[section] = new List<(string, int)>();
                continue;
            }
            if (section != null) doc._sections[section].Add((line, i + 1));
        }

        string expected = Path.GetFileNameWithoutExtension(path);
        if (!string.Equals(doc.Name, expected, StringComparison.Ordinal))
            error(1, $"The '# ' title must be the command name '{expected}' (the file name); found '{doc.Name}'.");
        foreach (var required in new[] { "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS" })
            if (!doc._sections.ContainsKey(required) || doc.Section(required).All(string.IsNullOrWhiteSpace))
                error(1, $"The '## {required}' section is missing or empty.");
        if (doc._sections.TryGetValue("PARAMETERS", out var parameterLines))
            doc.ReadParameters(parameterLines, error);
        return doc;
    }

    public IReadOnlyList<string> Section(string name) =>
        _sections.TryGetValue(name, out var lines) ? lines.Select(l => l.Line).ToList() : new List<string>();

    /// <summary>The ### subsections of a section (examples, input and output types).</summary>
    public IEnumerable<HelpSubsection> Subsections(string name)
    {
        HelpSubsection? current = null;
        bool inFence = false;
        foreach (var line in Section(name))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            if (!inFence && line.StartsWith("### ", StringComparison.Ordinal))
            {
                if (current != null) yield return current;
                current = new HelpSubsection(line.Substring(4).Trim());
            }
            else current?.Body.Add(line);
        }
        if (current != null) yield return current;
    }

    private void ReadParameters(List<(string Line, int Number)> lines, Action<int, string> error)
    {
        HelpParameter? current = null;
        bool inYaml = false, inFence = false;
        foreach (var (line, number) in lines)
        {
            string trimmed = line.Trim();
            if (!inFence && line.StartsWith("### ", StringComparison.Ordinal))
            {
                current = null;
                string title = line.Substring(4).Trim();
                if (title.StartsWith("-", StringComparison.Ordinal))
                {
                    current = new HelpParameter(title.Substring(1), number);
                    Parameters.Add(current);
                }
                else if (title != "CommonParameters")
                    error(number, $"'### {title}' in ## PARAMETERS: parameter headings are '### -Name' (or '### CommonParameters').");
                continue;
            }
            if (current == null) continue;
            if (trimmed.StartsWith("```yaml", StringComparison.OrdinalIgnoreCase)) { inYaml = true; continue; }
            if (inYaml && trimmed.StartsWith("```", StringComparison.Ordinal)) { inYaml = false; continue; }
            if (inYaml)
            {
                int colon = line.IndexOf(':');
                if (colon > 0) current.Meta[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
                continue;
            }
            if (trimmed.StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            current.Description.Add(line);
        }
    }
}

internal sealed class HelpSubsection
{
    public HelpSubsection(string title) => Title = title;
    public string Title { get; }
    public List<string> Body { get; } = new List<string>();
}

internal sealed class HelpParameter
{
    public HelpParameter(string name, int line) { Name = name; Line = line; }
    public string Name { get; }
    public int Line { get; }
    public List<string> Description { get; } = new List<string>();
    public Dictionary<string, string> Meta { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string Get(string key, string fallback = "") => Meta.TryGetValue(key, out var v) && v.Length > 0 ? v : fallback;

    public string Position => Get("Position", "Named").Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : Get("Position");

    public IEnumerable<string> Sets => Get("Parameter Sets", "(All)").Split(',').Select(s => s.Trim());
}

/// <summary>Paragraphs, list items and fenced code blocks of a run of markdown lines.</summary>
internal static class Blocks
{
    public static IEnumerable<(bool IsCode, string Text)> Split(IEnumerable<string> lines)
    {
        var text = new List<string>();
        List<string>? code = null;
        foreach (var raw in lines)
        {
            string line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                if (code == null)
                {
                    if (text.Count > 0) { yield return (false, string.Join(" ", text)); text.Clear(); }
                    code = new List<string>();
                }
                else { yield return (true, string.Join("\n", code)); code = null; }
                continue;
            }
            if (code != null) { code.Add(line); continue; }
            bool item = Regex.IsMatch(line, @"^\s*([-*]|\d+\.)\s+");
            if ((line.Trim().Length == 0 || item || line.TrimStart().StartsWith("|", StringComparison.Ordinal)) && text.Count > 0)
            {
                yield return (false, string.Join(" ", text));
                text.Clear();
            }
            if (line.Trim().Length > 0) text.Add(line.Trim());
        }
        if (code != null) yield return (true, string.Join("\n", code));
        if (text.Count > 0) yield return (false, string.Join(" ", text));
    }
}

/// <summary>Markdown inline syntax to the plain text a console shows.</summary>
internal static class Inline
{
    public static string Plain(string text)
    {
        text = Regex.Replace(text, @"\[([^\]]+)\]\(([^)]*)\)", m =>
            m.Groups[2].Value.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? m.Groups[1].Value + " (" + m.Groups[2].Value + ")" : m.Groups[1].Value);
        text = Regex.Replace(text, @"\*\*(.+?)\*\*", "$1");
        text = Regex.Replace(text, @"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", "$1");
        text = text.Replace("`", "");
        return Regex.Replace(text, @"\\([\\`*_{}\[\]()#+\-.!|<>])", "$1");
    }
}
