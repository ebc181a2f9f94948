using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using HappyHorse.LocalImages;

namespace HappyHorse.Input
{
    /// <summary>
    /// Turns loosely typed inputs (a hashtable, or CSV cells that are all text) into a request body
    /// for any model: each value coerced to the type its schema names, every rule checked, empty
    /// values left out so the server's defaults apply.
    /// </summary>
    internal static class ModelInputBuilder
    {
        /// <summary>The body, or null with <paramref name="problems"/> filled. Without a schema values go as given.</summary>
        /// <param name="localImage">
        /// Loads a local file given for an image field (the schema says image): the file, checked, or
        /// null with problems added. Null when local files are not taken.
        /// </param>
        public static JobBody? Build(IEnumerable<KeyValuePair<string, object?>> values, ModelInputSchema? schema, List<InputProblem> problems,
            Func<string, string, List<InputProblem>, LocalImage?>? localImage = null)
        {
            var fields = new List<KeyValuePair<string, object>>();
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pair in values)
            {
                if (IsEmpty(pair.Value)) continue;
                if (schema == null) { fields.Add(new KeyValuePair<string, object>(pair.Key, pair.Value!)); given.Add(pair.Key); continue; }
                var rule = Find(schema, pair.Key);
                if (rule == null)
                {
                    if (schema.Closed) problems.Add(new InputProblem(pair.Key, Show(pair.Value), $"{pair.Key} is not a field of this model; allowed: {string.Join(", ", schema.Fields.Keys)}."));
                    else fields.Add(new KeyValuePair<string, object>(pair.Key, pair.Value!));
                    continue;
                }
                var value = Coerce(rule, pair.Value!, problems, localImage);
                if (value != null) { fields.Add(new KeyValuePair<string, object>(rule.Name, value)); given.Add(rule.Name); }
            }
            if (schema != null)
                foreach (var name in schema.Required)
                    if (!given.Contains(name) && !problems.Exists(p => p.Field == name))
                        problems.Add(new InputProblem(name, null, $"{name} is required and was not given."));

            if (problems.Count > 0) return null;
            var images = new List<LocalImage>();
            foreach (var field in fields) if (field.Value is LocalImage image) images.Add(image);
            return JobBody.Create((options, text) => Write(fields, options, text), images);
        }

        private static FieldRule? Find(ModelInputSchema schema, string name)
        {
            if (schema.Fields.TryGetValue(name, out var exact)) return exact;
            foreach (var field in schema.Fields.Values)
                if (string.Equals(field.Name, name, StringComparison.OrdinalIgnoreCase)) return field;
            return null;
        }

        private static object? Coerce(FieldRule rule, object value, List<InputProblem> problems, Func<string, string, List<InputProblem>, LocalImage?>? localImage)
        {
            string field = rule.Name;
            void Problem(string allowed) => problems.Add(new InputProblem(field, Show(value), $"{field} '{Show(value)}' is not allowed; allowed: {allowed}."));
            switch (rule.Type)
            {
                case "integer":
                    if (!CellParser.TryWhole(value, out long whole)) { Problem("a whole number" + Range(rule)); return null; }
                    if ((rule.Minimum.HasValue && whole < rule.Minimum) || (rule.Maximum.HasValue && whole > rule.Maximum)) { Problem("a whole number" + Range(rule)); return null; }
                    return Choose(rule, whole, whole.ToString(CultureInfo.InvariantCulture), Problem);
                case "number":
                    double number;
                    if (value is string text ? !double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number) : !TryDouble(value, out number)) { Problem("a number" + Range(rule)); return null; }
                    if ((rule.Minimum.HasValue && number < rule.Minimum) || (rule.Maximum.HasValue && number > rule.Maximum)) { Problem("a number" + Range(rule)); return null; }
                    return number;
                case "boolean":
                    var flag = CellParser.TryBoolean(value);
                    if (flag == null) { Problem("true or false"); return null; }
                    return flag.Value;
                case "array":
                    if (value is string || !(value is IEnumerable items)) return new List<object> { value.ToString()! };
                    var list = new List<object>();
                    foreach (var item in items) if (!IsEmpty(item)) list.Add(item!.ToString()!);
                    return list;
                default:
                    string s = value.ToString()!;
                    if (rule.IsImage && localImage != null && LocalImageReference.IsLocal(s))
                    {
                        if (InputValidator.PathProblem(s) is string bad) { problems.Add(new InputProblem(field, Show(value), $"{field} '{Show(value)}' {bad}")); return null; }
                        return localImage(field, s, problems);
                    }
                    if (rule.IsUrl && InputValidator.UrlProblem(s) is string why) { problems.Add(new InputProblem(field, Show(value), $"{field} '{Show(value)}' {why}")); return null; }
                    int length = InputValidator.CountCharacters(s);
                    if (rule.MinLength.HasValue && length < rule.MinLength || rule.MaxLength.HasValue && length > rule.MaxLength)
                    { problems.Add(new InputProblem(field, Show(value), $"{field} has {length} characters; allowed: {rule.MinLength ?? 0} to {rule.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "any number of"} characters.")); return null; }
                    if (field == "prompt" && InputValidator.ContainsChinese(s) && length > 2500)
                    { problems.Add(new InputProblem(field, Show(value), $"{field} has {length} characters and contains Chinese; allowed: at most 2500 characters when the prompt is Chinese.")); return null; }
                    return Choose(rule, s.Trim(), s.Trim(), Problem);
            }
        }

        private static object? Choose(FieldRule rule, object value, string text, Action<string> problem)
        {
            if (rule.Choices == null) return value;
            var match = CellParser.MatchChoice(text, rule.Choices);
            if (match == null) { problem(string.Join(", ", rule.Choices)); return null; }
            return value is string ? match : value;
        }

        private static string Range(FieldRule rule) =>
            rule.Minimum.HasValue || rule.Maximum.HasValue
                ? $" from {rule.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "any"} to {rule.Maximum?.ToString(CultureInfo.InvariantCulture) ?? "any"}"
                : "";

        private static bool TryDouble(object value, out double number)
        {
            try { number = Convert.ToDouble(value, CultureInfo.InvariantCulture); return !(value is bool); }
            catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException) { number = 0; return false; }
        }

        private static bool IsEmpty(object? value) => CellParser.IsEmpty(value);

        private static string Show(object? value) => ShownValue.Of(value);

        private static byte[] Write(List<KeyValuePair<string, object>> fields, JsonWriterOptions options, Func<LocalImage, string> local)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, options))
            {
                json.WriteStartObject();
                foreach (var field in fields)
                {
                    json.WritePropertyName(field.Key);
                    if (field.Value is LocalImage image) json.WriteStringValue(local(image));
                    else WriteValue(json, field.Value);
                }
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }

        private static void WriteValue(Utf8JsonWriter json, object value)
        {
            switch (value)
            {
                case bool b: json.WriteBooleanValue(b); break;
                case long l: json.WriteNumberValue(l); break;
                case int i: json.WriteNumberValue(i); break;
                case double d: json.WriteNumberValue(d); break;
                case decimal m: json.WriteNumberValue(m); break;
                case string s: json.WriteStringValue(s); break;
                case IEnumerable items:
                    json.WriteStartArray();
                    foreach (var item in items) if (item != null) WriteValue(json, item);
                    json.WriteEndArray();
                    break;
                default: json.WriteStringValue(value.ToString()); break;
            }
        }
    }
}
