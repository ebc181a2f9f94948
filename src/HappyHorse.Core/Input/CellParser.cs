using System;
using System.Globalization;

namespace HappyHorse.Input
{
    /// <summary>
    /// Reads one raw value (a typed argument or an Import-Csv string) into the schema's type. Empty
    /// cells are "not given"; anything unreadable is a problem naming the field, value and what is allowed.
    /// </summary>
    internal static class CellParser
    {
        public static bool IsEmpty(object? value) => value == null || (value is string s && s.Trim().Length == 0);

        public static int? Integer(string field, object? value, long min, long max, Action<InputProblem> problem)
        {
            if (IsEmpty(value)) return null;
            if (!TryWhole(value!, out long number))
            {
                if (IsDigits(value))
                    problem(new InputProblem(field, Show(value), $"{field} {Show(value)} is out of range; allowed: {min} to {max}."));
                else
                    problem(new InputProblem(field, Show(value), $"{field} {Quote(value)} is not a whole number; allowed: a whole number from {min} to {max}."));
                return null;
            }
            if (number < min || number > max)
            {
                problem(new InputProblem(field, Show(value), $"{field} {number.ToString(CultureInfo.InvariantCulture)} is out of range; allowed: {min} to {max}."));
                return null;
            }
            return (int)number;
        }

        public static string? Choice(string field, object? value, string[] choices, Action<InputProblem> problem)
        {
            if (IsEmpty(value)) return null;
            string? match = MatchChoice(value!.ToString()!, choices);
            if (match == null)
                problem(new InputProblem(field, Show(value), $"{field} {Quote(value)} is not allowed; allowed: {string.Join(", ", choices)}."));
            return match;
        }

        public static string? MatchChoice(string text, string[] choices)
        {
            foreach (var choice in choices)
                if (string.Equals(choice, text.Trim(), StringComparison.OrdinalIgnoreCase)) return choice;
            return null;
        }

        public static bool? Boolean(string field, object? value, Action<InputProblem> problem)
        {
            if (value is bool b) return b;
            if (IsEmpty(value)) return null;
            bool? parsed = TryBoolean(value!);
            if (parsed == null)
                problem(new InputProblem(field, Show(value), $"{field} {Quote(value)} is not a boolean; allowed: true or false (also 1/0, yes/no)."));
            return parsed;
        }

        public static bool? TryBoolean(object value)
        {
            if (value is bool b) return b;
            if (value is int i && (i == 0 || i == 1)) return i == 1;
            string text = value.ToString()!.Trim().TrimStart('$').ToLowerInvariant();
            if (text == "true" || text == "1" || text == "yes" || text == "y") return true;
            if (text == "false" || text == "0" || text == "no" || text == "n") return false;
            return null;
        }

        public static bool TryWhole(object value, out long number)
        {
            number = 0;
            switch (value)
            {
                case int i: number = i; return true;
                case long l: number = l; return true;
                case short s: number = s; return true;
                case byte b: number = b; return true;
                case double d when !double.IsNaN(d) && Math.Floor(d) == d && Math.Abs(d) < 9e18: number = (long)d; return true;
                case float f when !float.IsNaN(f) && Math.Floor(f) == f && Math.Abs(f) < 9e18f: number = (long)f; return true;
                case decimal m when decimal.Truncate(m) == m && Math.Abs(m) < 9e18m: number = (long)m; return true;
                case string text:
                    // "5.0" is 5 wherever it comes from (a CSV cell, -Duration "5.0", -Duration 5.0); "5.5" is no whole number.
                    text = text.Trim();
                    if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number)) return true;
                    return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal parsed)
                           && TryWhole(parsed, out number);
                default: return false;
            }
        }

        /// <summary>A whole number too long for Int64: out of range, not "not a number".</summary>
        private static bool IsDigits(object? value)
        {
            string text = (value as string)?.Trim() ?? "";
            if (text.StartsWith("-", StringComparison.Ordinal) || text.StartsWith("+", StringComparison.Ordinal)) text = text.Substring(1);
            if (text.Length == 0) return false;
            foreach (char c in text) if (c < '0' || c > '9') return false;
            return true;
        }

        private static string Show(object? value) => ShownValue.Of(value);

        private static string Quote(object? value) => "'" + Show(value) + "'";
    }
}
