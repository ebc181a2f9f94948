using System;

namespace HappyHorse.Api
{
    /// <summary>
    /// Which model ids and request ids may go into a URL path. A "." or ".." segment would be resolved
    /// away by the URI rules and send the request (and the token) to another endpoint of the API, so
    /// such ids are refused whether a user typed them or a server returned them.
    /// </summary>
    internal static class ApiIds
    {
        public const string ModelExample = "happyhorse/happyhorse-1.0/reference-to-video";

        /// <summary>Null when <paramref name="id"/> is usable as a model id under /models/; else why not, as a sentence.</summary>
        public static string? ModelProblem(string? id)
        {
            if (string.IsNullOrWhiteSpace(id)) return "The model id is empty";
            if (id!.IndexOf('\\') >= 0) return $"The model id '{id}' contains a backslash";
            foreach (string segment in id.Trim('/').Split('/'))
            {
                if (segment.Length == 0) return $"The model id '{id}' has an empty segment ('//')";
                if (segment == "." || segment == "..") return $"The model id '{id}' has a '{segment}' segment, which would leave /models/";
                if (HasControl(segment)) return $"The model id contains a control character";
            }
            return null;
        }

        /// <summary>Null when <paramref name="id"/> is usable as a request id (one segment under /requests/); else why not.</summary>
        public static string? RequestIdProblem(string? id)
        {
            if (string.IsNullOrWhiteSpace(id)) return "The request id is empty";
            if (id == "." || id == "..") return $"The request id '{id}' is a dot segment, which would leave /requests/";
            if (id!.IndexOf('/') >= 0 || id.IndexOf('\\') >= 0) return $"The request id '{id}' contains a slash";
            if (HasControl(id)) return $"The request id contains a control character";
            return null;
        }

        private static bool HasControl(string text)
        {
            foreach (char c in text)
                if (char.IsControl(c)) return true;
            return false;
        }
    }
}
