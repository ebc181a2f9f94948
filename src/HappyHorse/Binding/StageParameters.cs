using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;
using HappyHorse.Commands;

namespace HappyHorse.Binding
{
    /// <summary>
    /// Which of Invoke-HHVideo's parameters each stage it chains gets, read from the stages' own
    /// [Parameter] properties: a parameter added to a stage reaches it through the one-liner as soon
    /// as Invoke-HHVideo declares it (a test requires that it does, unless it is listed below).
    /// </summary>
    internal static class StageParameters
    {
        /// <summary>The stages, in pipeline order, with the name StageChain runs them by.</summary>
        public static readonly IReadOnlyList<KeyValuePair<string, Type>> Stages = new[]
        {
            new KeyValuePair<string, Type>("HappyHorse\\New-HHVideoJob", typeof(NewHHVideoJobCommand)),
            new KeyValuePair<string, Type>("HappyHorse\\Wait-HHJob", typeof(WaitHHJobCommand)),
            new KeyValuePair<string, Type>("HappyHorse\\Save-HHVideo", typeof(SaveHHVideoCommand)),
        };

        /// <summary>Stage parameters Invoke-HHVideo does not pass on, each with the reason.</summary>
        public static readonly IReadOnlyDictionary<string, string> NotExposed = WithImageColumns(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [Key(typeof(NewHHVideoJobCommand), "InputObject")] = "the row is Invoke-HHVideo's own -InputObject, handed to the chain per record",
            [Key(typeof(WaitHHJobCommand), "RequestId")] = "fed by New-HHVideoJob's jobs",
            [Key(typeof(WaitHHJobCommand), "Job")] = "fed by New-HHVideoJob's jobs",
            [Key(typeof(WaitHHJobCommand), "InputObject")] = "fed by New-HHVideoJob's jobs",
            [Key(typeof(WaitHHJobCommand), "Any")] = "the one-liner saves every job, not the first to finish",
            [Key(typeof(SaveHHVideoCommand), "RequestId")] = "fed by Wait-HHJob's results",
            [Key(typeof(SaveHHVideoCommand), "Job")] = "fed by Wait-HHJob's results",
            [Key(typeof(SaveHHVideoCommand), "InputObject")] = "fed by Wait-HHJob's results",
            [Key(typeof(SaveHHVideoCommand), "Result")] = "fed by Wait-HHJob's results",
            [Key(typeof(SaveHHVideoCommand), "ThrottleLimit")] = "-ThrottleLimit of the one-liner is New-HHVideoJob's (submits at once); downloads keep Save-HHVideo's default",
            [Key(typeof(SaveHHVideoCommand), "PollInterval")] = "-PollInterval of the one-liner is Wait-HHJob's; Save-HHVideo gets finished results and never polls",
        });

        /// <summary>New-HHVideoJob's image slots, from the one column list (<see cref="VideoRowColumns"/>).</summary>
        private static Dictionary<string, string> WithImageColumns(Dictionary<string, string> notExposed)
        {
            foreach (string image in VideoRowColumns.ImageParameters)
                notExposed[Key(typeof(NewHHVideoJobCommand), image)] =
                    "a row column (image_url_N), bound by New-HHVideoJob from the row itself; the command line uses -ImageUrl";
            return notExposed;
        }

        private static readonly Dictionary<Type, HashSet<string>> Declared = new Dictionary<Type, HashSet<string>>();

        public static string Key(Type stage, string parameter) => stage.Name + "." + parameter;

        /// <summary>True when <paramref name="parameter"/>, given to Invoke-HHVideo, goes on to <paramref name="stage"/>.</summary>
        public static bool Routes(Type stage, string parameter) =>
            DeclaredBy(stage).Contains(parameter) && !NotExposed.ContainsKey(Key(stage, parameter));

        /// <summary>The names of the stage's [Parameter] properties, its base classes' included.</summary>
        public static HashSet<string> DeclaredBy(Type stage)
        {
            lock (Declared)
            {
                if (Declared.TryGetValue(stage, out var names)) return names;
                names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in stage.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                    if (property.IsDefined(typeof(ParameterAttribute), true)) names.Add(property.Name);
                Declared[stage] = names;
                return names;
            }
        }
    }
}
