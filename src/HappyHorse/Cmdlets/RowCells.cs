using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;

namespace HappyHorse.Cmdlets
{
    /// <summary>
    /// What this row gave for each parameter: the command line's value when one was given there (it
    /// applies to every row, as PowerShell binds it), else the row's own cell under the parameter's
    /// name or any alias, else nothing. Read from the row itself, never from BoundParameters, which
    /// keeps entries from earlier rows.
    /// </summary>
    internal sealed class RowCells
    {
        private readonly Dictionary<string, object?> _commandLine;
        private readonly Dictionary<string, string[]> _names;

        public RowCells(Type cmdletType, IDictionary<string, object> boundAtBegin)
        {
            _commandLine = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in boundAtBegin) _commandLine[pair.Key] = pair.Value is PSObject p ? p.BaseObject : pair.Value;
            _names = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in cmdletType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var names = new List<string> { property.Name };
                var alias = property.GetCustomAttribute<AliasAttribute>();
                if (alias != null) names.AddRange(alias.AliasNames);
                _names[property.Name] = names.ToArray();
            }
        }

        public bool FromCommandLine(string parameter) => _commandLine.ContainsKey(parameter);

        /// <summary>The raw value (e.g. the CSV string) for <paramref name="parameter"/> in this row, or null.</summary>
        public object? Get(string parameter, PSObject? row)
        {
            if (_commandLine.TryGetValue(parameter, out var given)) return given is SwitchParameter s ? s.IsPresent : Binding.NotWholeStandIn.Original(given);
            if (row == null || !_names.TryGetValue(parameter, out var names)) return null;
            foreach (var name in names)
            {
                var property = row.Properties[name];
                if (property == null) continue;
                object? value;
                try { value = property.Value; }
                catch (GetValueException) { continue; }
                return value is PSObject p ? p.BaseObject : value;
            }
            return null;
        }
    }
}
