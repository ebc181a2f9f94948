using HappyHorse.Session;
namespace HappyHorse.Records
{
    /// <summary>
    /// How messages name a job: by its row ("Row 3 (beach-wave): job …") when the job came from a
    /// row, else by its request id alone. Results arrive in finish order, so an error that names only
    /// a request id leaves the user matching ids by hand.
    /// </summary>
    internal static class JobLabel
    {
        /// <summary>"Row 3 (beach-wave)", "Row 3", or null when there is no row.</summary>
        public static string? Row(int? index, string? title)
        {
            if (index is not int i || i <= 0) return null;
            return string.IsNullOrEmpty(title) ? $"Row {i}" : $"Row {i} ({title})";
        }

        /// <summary>"Row 3 (beach-wave): job &lt;id&gt;" or "Job &lt;id&gt;": the subject of a sentence about the job.</summary>
        public static string Subject(int? index, string? title, string requestId)
        {
            string? row = Row(index, title);
            return row == null ? $"Job {requestId}" : $"{row}: job {requestId}";
        }

        public static string Subject(HHVideoJob? job, string requestId)
        {
            if (job != null) return Subject(job.Index, job.Title, requestId);
            var seen = SeenRequestIds.Find(requestId);
            return Subject(seen?.Index, seen?.Title, requestId);
        }

        public static string Subject(HHJobResult result) => Subject(result.Index, result.Title, result.RequestId);

        /// <summary>"of row 3 (beach-wave)" or "of this row", for advice.</summary>
        public static string OfRow(int? index, string? title)
        {
            string? row = Row(index, title);
            return row == null ? "of this job's row" : "of " + char.ToLowerInvariant(row[0]) + row.Substring(1);
        }

        /// <summary>Ends <paramref name="text"/> with exactly one full stop: server messages often bring their own.</summary>
        public static string Sentence(string text)
        {
            string trimmed = text.TrimEnd();
            if (trimmed.Length == 0) return trimmed;
            char last = trimmed[trimmed.Length - 1];
            return last == '.' || last == '!' || last == '?' ? trimmed : trimmed + ".";
        }
    }
}
