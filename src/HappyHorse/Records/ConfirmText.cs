using System.Text.Json;
using HappyHorse.Api;
using HappyHorse.Input;

namespace HappyHorse.Records
{
    /// <summary>
    /// The question -Confirm asks before a row is paid for: which row (its name), what it will make
    /// (the start of its prompt), how long, and what it costs, so "Yes" is answered knowingly.
    /// </summary>
    internal static class ConfirmText
    {
        private const int PromptShown = 60;

        public static string Query(int row, string? title, string model, byte[] body, int seconds, decimal? estimate, decimal totalBefore)
        {
            string who = JobLabel.Row(row, title)!;
            string prompt = PromptStart(body);
            string what = prompt.Length == 0 ? "" : $" \"{prompt}\",";
            string cost = estimate.HasValue
                ? $", estimated {ModelPrice.Format(estimate.Value)} (running total {ModelPrice.Format(totalBefore + estimate.Value)})"
                : ", cost unknown";
            return $"Submit {char.ToLowerInvariant(who[0]) + who.Substring(1)} to {model}:{what} {seconds} s of video{cost}? This starts a paid generation.";
        }

        /// <summary>The first words of the body's prompt, or "" when it has none.</summary>
        internal static string PromptStart(byte[] body)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("prompt", out var p) || p.ValueKind != JsonValueKind.String)
                    return "";
                string text = ShownValue.Of(p.GetString()!.Trim());
                return text.Length <= PromptShown ? text : text.Substring(0, PromptShown - 1).TrimEnd() + "…";
            }
            catch (JsonException)
            {
                return "";
            }
        }
    }
}
