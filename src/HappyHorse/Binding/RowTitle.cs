using System.Collections;
using System.Management.Automation;

namespace HappyHorse.Binding
{
    /// <summary>
    /// The name a person gave a row: the cell of -TitleColumn, or of the `name` column when none was
    /// chosen. Views and messages show it beside the row's Index, so "Row 3 (beach-wave)" can be found in the CSV.
    /// </summary>
    internal static class RowTitle
    {
        public const string DefaultColumn = "name";

        /// <summary>The row's title, trimmed, or null when the row has no such cell or it is empty.</summary>
        public static string? Of(PSObject? row, string? column)
        {
            if (row == null) return null;
            string name = string.IsNullOrWhiteSpace(column) ? DefaultColumn : column!.Trim();
            object? value = null;
            if (row.BaseObject is IDictionary table)
            {
                foreach (DictionaryEntry entry in table)
                    if (string.Equals(entry.Key?.ToString(), name, System.StringComparison.OrdinalIgnoreCase)) { value = entry.Value; break; }
            }
            else
            {
                var property = row.Properties[name];
                if (property == null) return null;
                try { value = property.Value; }
                catch (GetValueException) { return null; }
            }
            if (value is PSObject p) value = p.BaseObject;
            string? text = value?.ToString()?.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        /// <summary>True when the row has a cell (even an empty one) named <paramref name="column"/>.</summary>
        public static bool Has(PSObject? row, string column)
        {
            if (row == null) return false;
            if (row.BaseObject is IDictionary table)
            {
                foreach (DictionaryEntry entry in table)
                    if (string.Equals(entry.Key?.ToString(), column, System.StringComparison.OrdinalIgnoreCase)) return true;
                return false;
            }
            return row.Properties[column] != null;
        }
    }
}
