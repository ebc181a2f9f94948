using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using HappyHorse.Input;

namespace HappyHorse.Binding
{
    /// <summary>Tab completion for parameters whose values come from a <see cref="ChoiceInputAttribute"/>.</summary>
    public sealed class ChoiceCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var choices = InputSchema.ChoicesFor(parameterName);
            string typed = (wordToComplete ?? "").Trim('\'', '"');
            foreach (var choice in choices)
                if (choice.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                    yield return new CompletionResult("'" + choice + "'", choice, CompletionResultType.ParameterValue, choice);
        }
    }
}
