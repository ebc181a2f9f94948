using System;
using System.Collections.Generic;
using System.Management.Automation;
using HappyHorse.Input;

namespace HappyHorse.Binding
{
    /// <summary>
    /// Why a row has no prompt at all, in words that lead to the fix: a CSV read with the wrong
    /// delimiter comes in as one column named "prompt;image_url_1;…", and a CSV without a prompt
    /// column lists the columns it has. An empty prompt cell is the validator's business, not this.
    /// </summary>
    internal static class RowShape
    {
        private static readonly char[] Delimiters = { ';', '\t', '|', ',' };

        /// <summary>The problem, or null when the row has a prompt column (or is no row at all).</summary>
        public static string? MissingPrompt(PSObject? row) => row == null ? null : MissingPrompt(row, RowProperties.Of(row));

        /// <summary>
        /// As <see cref="MissingPrompt(PSObject?)"/>, from the row's properties already read (see
        /// <see cref="RowCells.View"/>): walking a row's members again costs the engine a lock per member.
        /// </summary>
        public static string? MissingPrompt(PSObject? row, IEnumerable<PSPropertyInfo>? properties)
        {
            if (row == null || properties == null || !(row.BaseObject is PSCustomObject)) return null;
            var names = new List<string>();
            foreach (var property in properties)
            {
                if (!(property is PSNoteProperty)) continue;
                if (string.Equals(property.Name, "prompt", StringComparison.OrdinalIgnoreCase)) return null;
                names.Add(property.Name);
            }
            if (names.Count == 1 && WrongDelimiter(names[0]) is char d)
                return $"it has one column, named '{ShownValue.Of(names[0])}': the CSV was read with the wrong delimiter. " +
                       $"Read it with Import-Csv -Delimiter {Spell(d)} (or save it with commas).";
            return names.Count == 0
                ? "it has no prompt column (it has no columns at all); give each row a prompt column, or use -Prompt."
                : $"it has no prompt column (its columns: {ShownValue.Of(string.Join(", ", names))}); add a prompt column, or use -Prompt.";
        }

        /// <summary>The delimiter the one header seems to be written with, or null.</summary>
        private static char? WrongDelimiter(string header)
        {
            char? best = null;
            int most = 0;
            foreach (char d in Delimiters)
            {
                int count = 0;
                foreach (char c in header) if (c == d) count++;
                if (count > most) { most = count; best = d; }
            }
            return most > 0 && header.IndexOf("prompt", StringComparison.OrdinalIgnoreCase) >= 0 ? best : null;
        }

        private static string Spell(char d) => d switch
        {
            '\t' => "\"`t\"",
            _ => "'" + d + "'",
        };
    }
}
