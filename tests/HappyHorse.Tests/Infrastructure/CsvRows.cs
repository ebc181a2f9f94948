using System.Collections.Generic;
using System.Management.Automation;
using System.Text;

namespace HappyHorse.Tests.Infrastructure;

/// <summary>
/// Rows shaped exactly like Import-Csv output: PSCustomObjects whose note properties are all strings,
/// empty cells included. The hosted engine has no Import-Csv, so tests build them here.
/// </summary>
public static class CsvRows
{
    public static PSObject[] Parse(string csv)
    {
        var lines = new List<List<string>>();
        foreach (var line in csv.Replace("\r\n", "\n").Trim('\n').Split('\n')) lines.Add(SplitLine(line));
        var rows = new List<PSObject>();
        for (int i = 1; i < lines.Count; i++)
        {
            var row = new PSObject();
            for (int c = 0; c < lines[0].Count; c++)
                row.Properties.Add(new PSNoteProperty(lines[0][c], c < lines[i].Count ? lines[i][c] : ""));
            rows.Add(row);
        }
        return rows.ToArray();
    }

    public static PSObject Row(params (string Name, string Value)[] cells)
    {
        var row = new PSObject();
        foreach (var (name, value) in cells) row.Properties.Add(new PSNoteProperty(name, value));
        return row;
    }

    private static List<string> SplitLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
