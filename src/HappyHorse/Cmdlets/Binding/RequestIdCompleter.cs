using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace HappyHorse.Cmdlets.Binding
{
    /// <summary>Tab completion for -RequestId: the ids this session has submitted or read, newest first.</summary>
    public sealed class RequestIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = (wordToComplete ?? "").Trim('\'', '"');
            foreach (var id in SeenRequestIds.Recent())
                if (id.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                    yield return new CompletionResult(Quote(id), id, CompletionResultType.ParameterValue, "request id " + id);
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
