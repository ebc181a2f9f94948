#nullable enable
// Compiled by MSBuild's RoslynCodeTaskFactory at build time (see Help.targets): turns an about topic
// in markdown (docs/en-US/about_*.md, platyPS's about schema) into the plain text
// about_*.help.txt that Get-Help about_* prints: headings in capitals, text indented and wrapped.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ConvertAboutMarkdownToText : Task
{
    private const int Width = 80;

    [Required] public string Source { get; set; } = "";
    [Required] public string OutputFile { get; set; } = "";

    public override bool Execute()
    {
        string[] lines = File.ReadAllText(Source).Replace("\r\n", "\n").Split('\n');
        string topic = Path.GetFileNameWithoutExtension(Source);
        var output = new StringBuilder();
        int i = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
            for (i = 1; i < lines.Length && lines[i].Trim() != "---"; i++) { }
        else i = -1;

        bool sawTitle = false, sawShort = false;
        var paragraph = new List<string>();
        for (i++; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd();
            string trimmed = line.Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                Flush(output, paragraph);
                for (i++; i < lines.Length && !lines[i].Trim().StartsWith("```", StringComparison.Ordinal); i++)
                    output.Append(' ', 8).AppendLine(lines[i].TrimEnd());
                output.AppendLine();
                continue;
            }
            if (trimmed.StartsWith("|", StringComparison.Ordinal))
            {
                Flush(output, paragraph);
                var rows = new List<string>();
                for (; i < lines.Length && lines[i].Trim().StartsWith("|", StringComparison.Ordinal); i++) rows.Add(lines[i].Trim());
                i--;
                Table(output, rows);
                continue;
            }
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                Flush(output, paragraph);
                string title = line.Substring(2).Trim();
                if (!string.Equals(title, topic, StringComparison.OrdinalIgnoreCase))
                    Log.LogError(null, "HHHELP", null, Source, i + 1, 0, 0, 0, $"The '# ' title must be the topic name '{topic}' (the file name); found '{title}'.");
                output.AppendLine("TOPIC").Append(' ', 4).AppendLine(title).AppendLine();
                sawTitle = true;
                continue;
            }
            var heading = Regex.Match(line, @"^(#{2,6})\s+(.*)$");
            if (heading.Success)
            {
                Flush(output, paragraph);
                string text = Plain(heading.Groups[2].Value.Trim());
                if (heading.Groups[1].Value.Length == 2)
                {
                    output.AppendLine(text.ToUpperInvariant());
                    sawShort |= text.Equals("SHORT DESCRIPTION", StringComparison.OrdinalIgnoreCase);
                }
                else output.Append(' ', 2).AppendLine(text).Append(' ', 2).AppendLine(new string('-', text.Length));
                continue;
            }
            var item = Regex.Match(line, @"^\s*([-*]|\d+\.)\s+(.*)$");
            if (item.Success)
            {
                Flush(output, paragraph);
                string bullet = item.Groups[1].Value == "*" ? "-" : item.Groups[1].Value;
                var itemLines = new List<string> { item.Groups[2].Value.Trim() };
                while (i + 1 < lines.Length && lines[i + 1].StartsWith("  ", StringComparison.Ordinal) && lines[i + 1].Trim().Length > 0
                       && !Regex.IsMatch(lines[i + 1], @"^\s*([-*]|\d+\.)\s+"))
                    itemLines.Add(lines[++i].Trim());
                Wrap(output, Plain(string.Join(" ", itemLines)), 4, bullet + " ");
                if (i + 1 >= lines.Length || !Regex.IsMatch(lines[i + 1], @"^\s*([-*]|\d+\.)\s+")) output.AppendLine();
                continue;
            }
            if (trimmed.Length == 0) { Flush(output, paragraph); continue; }
            paragraph.Add(trimmed);
        }
        Flush(output, paragraph);

        if (!sawTitle) Log.LogError(null, "HHHELP", null, Source, 1, 0, 0, 0, $"An about topic starts with '# {topic}'.");
        if (!sawShort) Log.LogError(null, "HHHELP", null, Source, 1, 0, 0, 0, "An about topic needs a '## SHORT DESCRIPTION' section.");
        if (Log.HasLoggedErrors) return false;

        Directory.CreateDirectory(Path.GetDirectoryName(OutputFile)!);
        File.WriteAllText(OutputFile, Regex.Replace(output.ToString(), @"\n{3,}", "\n\n").Replace("\r\n", "\n"), new UTF8Encoding(false));
        Log.LogMessage(MessageImportance.High, "About topic: {0}", OutputFile);
        return true;
    }

    private static void Flush(StringBuilder output, List<string> paragraph)
    {
        if (paragraph.Count == 0) return;
        Wrap(output, Plain(string.Join(" ", paragraph)), 4, "");
        output.AppendLine();
        paragraph.Clear();
    }

    /// <summary>Word-wraps at <paramref name="width"/>; a bullet hangs and later lines align after it.</summary>
    private static void Wrap(StringBuilder output, string text, int indent, string bullet, int width = Width)
    {
        var line = new StringBuilder(new string(' ', indent) + bullet);
        int start = line.Length;
        foreach (var word in text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > start && line.Length + 1 + word.Length > width)
            {
                output.AppendLine(line.ToString());
                line.Clear().Append(' ', indent + bullet.Length);
            }
            if (line.Length > indent + bullet.Length && line[line.Length - 1] != ' ') line.Append(' ');
            line.Append(word);
        }
        output.AppendLine(line.ToString());
    }

    /// <summary>
    /// A markdown pipe table as aligned columns with a dashed rule under the header; the last column
    /// wraps so the table fits the width, its later lines aligned under it.
    /// </summary>
    private static void Table(StringBuilder output, List<string> rows)
    {
        var cells = rows.Where(r => !Regex.IsMatch(r, @"^\|[\s:|-]+\|$"))
            .Select(r => r.Trim('|').Split('|').Select(c => Plain(c.Trim())).ToArray()).ToList();
        int columns = cells.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns).Select(c => cells.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
        int lastStart = 4 + widths.Take(columns - 1).Sum(w => w + 2);
        widths[columns - 1] = Math.Min(widths[columns - 1], Math.Max(20, Width - lastStart));
        for (int r = 0; r < cells.Count; r++)
        {
            string Cell(int c) => c < cells[r].Length ? cells[r][c] : "";
            var first = new StringBuilder(new string(' ', 4));
            for (int c = 0; c < columns - 1; c++) first.Append(Cell(c).PadRight(widths[c])).Append("  ");
            var wrapped = new StringBuilder();
            Wrap(wrapped, Cell(columns - 1), 0, "", widths[columns - 1]);
            var pieces = wrapped.ToString().TrimEnd().Split('\n');
            output.AppendLine((first + pieces[0].TrimEnd()).TrimEnd());
            foreach (var piece in pieces.Skip(1)) output.Append(' ', lastStart).AppendLine(piece.Trim());
            if (r == 0) output.Append(' ', 4).AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
        output.AppendLine();
    }

    private static string Plain(string text)
    {
        text = Regex.Replace(text, @"\[([^\]]+)\]\(([^)]*)\)", m =>
            m.Groups[2].Value.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? m.Groups[1].Value + " (" + m.Groups[2].Value + ")" : m.Groups[1].Value);
        text = Regex.Replace(text, @"\*\*(.+?)\*\*", "$1");
        text = Regex.Replace(text, @"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", "$1");
        text = text.Replace("`", "");
        return Regex.Replace(text, @"\\([\\`*_{}\[\]()#+\-.!|<>])", "$1");
    }
}
