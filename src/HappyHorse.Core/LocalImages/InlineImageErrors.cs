using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using HappyHorse.Api;
using HappyHorse.Input;

namespace HappyHorse.LocalImages
{
    /// <summary>
    /// A failed submit of a body with inline images: the service's own message, with any base64 it
    /// echoed cut out, and the files that were sent named by path, type, size and hash.
    /// </summary>
    internal static class InlineImageErrors
    {
        private static readonly Regex DataUri = new Regex(@"(data:[A-Za-z0-9.+\-]+/[A-Za-z0-9.+\-]+;base64,)[A-Za-z0-9+/=]{8,}[…]?",
            RegexOptions.CultureInvariant);

        public static RunComfyApiException Explain(RunComfyApiException ex, JobBody body)
        {
            if (body.Images.Count == 0) return ex;
            string sent = string.Join("; ", body.Images.Select(i => $"{i.Field} = {i.Facts}"));
            string message = Scrub(ex.Message) + $" (Local images sent inline: {sent}.)";
            var details = new List<string>();
            foreach (var detail in ex.Details) details.Add(Scrub(detail));
            return new RunComfyApiException(ex.Kind, message, ex.HttpStatus, ex.ErrorCode, details, ex.RetryAfter, ex.InnerException);
        }

        /// <summary>Text with every data: URI's payload replaced by "…".</summary>
        public static string Scrub(string text) => DataUri.Replace(text, "$1…");
    }
}
