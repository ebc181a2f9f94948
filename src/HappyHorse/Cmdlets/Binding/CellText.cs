using System.Management.Automation;

namespace HappyHorse.Cmdlets.Binding
{
    /// <summary>Unwraps what the binder hands a transformation, and says whether it is an empty CSV cell.</summary>
    internal static class CellText
    {
        public static object? Unwrap(object? input) => input is PSObject pso ? pso.BaseObject : input;

        /// <summary>Null, "" and blanks all mean "this row did not give a value" — Import-Csv's empty cell.</summary>
        public static bool IsEmpty(object? value) =>
            value == null || value is System.Management.Automation.Internal.AutomationNull
            || (value is string s && s.Trim().Length == 0);

        public static string Show(object? value) => value == null ? "$null" : "'" + value + "'";
    }
}
