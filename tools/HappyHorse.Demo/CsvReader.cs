using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;

namespace HappyHorse.Demo;

/// <summary>
/// Turns a CSV file into the objects Import-Csv would give: one PSCustomObject per data row whose
/// note properties are named by the header and hold strings, so New-HHVideoJob binds them exactly
/// as it does in a user's shell. The hosted engine has no Import-Csv, hence this reader.
/// </summary>
/// <remarks>
/// RFC 4180: fields separated by commas, optionally quoted; inside quotes a doubled quote is one
/// quote and commas and line breaks are data. Like Import-Csv, an empty cell is "", a row shorter
/// than the header leaves the missing properties $null, extra cells are dropped and blank lines are skipped.
/// </remarks>
public static class CsvReader
{
    public static List<PSObject> ReadFile(string path) => Parse(File.ReadAllText(path)); // strips a UTF-8/16 BOM

    public static List<PSObject> Parse(string text)
    {
        var records = SplitRecords(text);
        var rows = new List<PSObject>();
        if (records.Count == 0) return rows;

        string[] header = records[0].ToArray();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // PowerShell property names ignore case
        foreach (string name in header)
        {
            if (name.Length == 0) throw new FormatException("The CSV header has an empty column name.");
            if (!seen.Add(name)) throw new FormatException($"The CSV header names the column '{name}' twice.");
        }

        for (int r = 1; r < records.Count; r++)
        {
            var cells = records[r];
            if (cells.Count == 1 && cells[0].Length == 0) continue; // a blank line
            var row = new PSObject();
            for (int c = 0; c < header.Length; c++)
                row.Properties.Add(new PSNoteProperty(header[c], c < cells.Count ? cells[c] : null));
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Every record as its list of cells; a record ends at a line break outside quotes.</summary>
    private static List<List<string>> SplitRecords(string text)
    {
        var records = new List<List<string>>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;

        void EndCell()
        {
            cells.Add(cell.ToString());
            cell.Clear();
        }

        void EndRecord()
        {
            EndCell();
            records.Add(cells);
            cells = new List<string>();
        }

        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (quoted)
            {
                if (ch != '"') cell.Append(ch);
                else if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') EndCell();
            else if (ch == '\r' || ch == '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++; // CRLF is one break
                EndRecord();
            }
            else cell.Append(ch);
        }

        if (quoted) throw new FormatException("The CSV ends inside a quoted field: a closing quote is missing.");
        if (cell.Length > 0 || cells.Count > 0) EndRecord(); // the last line had no line break
        return records;
    }
}
