using HappyHorse.Input;

namespace HappyHorse.Binding
{
    /// <summary>
    /// What may be sent as a request id. RunComfy's ids are UUIDs, but nobody published that, so any
    /// single URL path segment of plain characters passes (upper case, no hyphens, "req_42", a number);
    /// what cannot be an id never does: text with spaces such as an error message piped in by 2>&1,
    /// slashes or dot segments that would change the URL's path, control characters.
    /// </summary>
    internal static class RequestIdRule
    {
        public const int MaxLength = 128;

        public const string Allowed = "letters, digits, '-', '_', '.' and '~' (a RunComfy request id such as 8cd2f00d-d1d4-470e-a87c-49a4483432fd), at most 128 characters, not starting with '.'";

        /// <summary>The id without surrounding blanks (a CSV cell may carry them), or null with the reason it is not one.</summary>
        public static string? Check(string? value, out string problem)
        {
            string id = (value ?? "").Trim();
            problem = "";
            if (id.Length == 0) problem = "it is empty";
            else if (id.Length > MaxLength) problem = $"it is {id.Length} characters long";
            else if (id[0] == '.') problem = "it starts with '.'";
            else
            {
                foreach (char c in id)
                {
                    if (IsAllowed(c)) continue;
                    problem = char.IsWhiteSpace(c) ? "it contains whitespace"
                        : c == '/' || c == '\\' ? "it contains a slash"
                        : $"it contains '{ShownValue.Of(c.ToString())}'";
                    break;
                }
            }
            return problem.Length == 0 ? id : null;
        }

        private static bool IsAllowed(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
