using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using HappyHorse.Records;
using HappyHorse.Session;

namespace HappyHorse.Binding
{
    /// <summary>
    /// Tab completion for -RequestId: the jobs this session submitted first, then ids it only read,
    /// newest first within each, at most a screenful; the tooltip says which row each came from and
    /// how it stands. What was typed matches an id's start, or the start of its row's name.
    /// </summary>
    public sealed class RequestIdCompleter : IArgumentCompleter
    {
        /// <summary>A screenful: more is a list nobody reads; typing a few characters narrows it.</summary>
        public const int MaxOffered = 20;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = (wordToComplete ?? "").Trim('\'', '"');
            var jobs = SeenRequestIds.RecentJobs();
            var offered = new List<CompletionResult>();
            foreach (bool submitted in new[] { true, false })
                foreach (var job in jobs)
                {
                    if (job.Submitted != submitted || offered.Count >= MaxOffered) continue;
                    if (!job.RequestId.StartsWith(typed, StringComparison.OrdinalIgnoreCase)
                        && !(typed.Length > 0 && job.Title != null && job.Title.StartsWith(typed, StringComparison.OrdinalIgnoreCase))) continue;
                    offered.Add(new CompletionResult(Quote(job.RequestId), job.RequestId, CompletionResultType.ParameterValue, ToolTip(job)));
                }
            return offered;
        }

        /// <summary>"Row 3 (beach-wave), succeeded" or "request id …, in_queue".</summary>
        internal static string ToolTip(SeenJob job)
        {
            string who = JobLabel.Row(job.Index, job.Title) ?? "request id " + job.RequestId;
            return job.Status == null ? who : who + ", " + job.Status;
        }

        /// <summary>Ids are UUID-like; anything else is quoted so the completed line still parses.</summary>
        private static string Quote(string id)
        {
            foreach (char c in id)
                if (!(char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) return "'" + id.Replace("'", "''") + "'";
            return id;
        }
    }
}
